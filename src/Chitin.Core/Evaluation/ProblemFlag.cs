namespace Chitin.Core.Evaluation;

/// <summary>A detected problem with an endpoint, named as <c>providers list</c> shows it and verdicts store it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProblemFlag>))]
public enum ProblemFlag
{
    /// <summary>Reports cached tokens it cannot have served, or cache hits that are no faster.</summary>
    [JsonStringEnumMemberName("cache-liar")]
    CacheLiar,

    /// <summary>Reports more prompt tokens than the reference (±3%) or than Chitin's own count allows.</summary>
    [JsonStringEnumMemberName("token-inflater")]
    TokenInflater,

    /// <summary>Declares a cached price but serves no cache hits.</summary>
    [JsonStringEnumMemberName("no-cache-hits")]
    NoCacheHits,

    /// <summary>Answers distributed unlike the reference's: a degraded (e.g. quantized) copy.</summary>
    [JsonStringEnumMemberName("suspect")]
    Suspect,

    /// <summary>Below the share of conformance checks routing requires (90%).</summary>
    [JsonStringEnumMemberName("non-conformant")]
    NonConformant,
}
