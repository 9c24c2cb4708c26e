namespace Chitin.Agents.Bus;

/// <summary>The kinds of <see cref="LedgerEntry"/>, written to <c>ledger.jsonl</c> as "spawn", "claim", ...</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LedgerKind>))]
public enum LedgerKind
{
    [JsonStringEnumMemberName("spawn")]
    Spawn,

    [JsonStringEnumMemberName("claim")]
    Claim,

    [JsonStringEnumMemberName("charge")]
    Charge,

    [JsonStringEnumMemberName("complete")]
    Complete,

    [JsonStringEnumMemberName("fail")]
    Fail,
}
