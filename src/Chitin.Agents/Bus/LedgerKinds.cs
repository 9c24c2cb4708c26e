namespace Chitin.Agents.Bus;

/// <summary>The kinds of <see cref="LedgerEntry"/>.</summary>
public static class LedgerKinds
{
    public const string Spawn = "spawn";
    public const string Claim = "claim";
    public const string Charge = "charge";
    public const string Complete = "complete";
    public const string Fail = "fail";
}
