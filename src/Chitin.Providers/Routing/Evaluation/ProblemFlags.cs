namespace Chitin.Providers.Routing.Evaluation;

/// <summary>The names of detected problems, as <c>providers list</c> shows them and verdicts store them.</summary>
public static class ProblemFlags
{
    /// <summary>Reports cached tokens it cannot have served, or cache hits that are no faster.</summary>
    public const string CacheLiar = "cache-liar";

    /// <summary>Reports more prompt tokens than the reference (±3%) or than Chitin's own count allows.</summary>
    public const string TokenInflater = "token-inflater";

    /// <summary>Declares a cached price but serves no cache hits.</summary>
    public const string NoCacheHits = "no-cache-hits";

    /// <summary>Answers distributed unlike the reference's: a degraded (e.g. quantized) copy.</summary>
    public const string Suspect = "suspect";

    /// <summary>Below <see cref="ProblemDetector.MinConformance"/> of the conformance checks.</summary>
    public const string NonConformant = "non-conformant";
}
