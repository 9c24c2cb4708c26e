namespace Chitin.Security.Audit;

/// <summary>
/// One permission decision. The arguments are kept only as a SHA-256 digest of their canonical JSON (sorted keys,
/// no whitespace): they may hold secrets, yet the digest still ties the entry to a recorded tool call.
/// </summary>
public sealed record AuditEntry
{
    public required DateTimeOffset Time { get; init; }

    public required string SessionId { get; init; }

    public string Agent { get; init; } = "default";

    public required string Tool { get; init; }

    public required string CallId { get; init; }

    /// <summary>Lower-case hex SHA-256 of the canonical arguments JSON.</summary>
    public required string ArgumentsSha256 { get; init; }

    /// <summary>What happened: "allow" or "deny".</summary>
    public required string Decision { get; init; }

    /// <summary>What the rules and mode said before an "ask" was resolved: "allow", "ask" or "deny".</summary>
    public required string Policy { get; init; }

    /// <summary>The deciding rule or mode with its layer, and how an "ask" was resolved.</summary>
    public string? Rule { get; init; }

    /// <summary>The deciding layer, e.g. "managed: /etc/chitin/managed.json".</summary>
    public string? Layer { get; init; }

    /// <summary>rule, mode, user, flag (--yes), hook (pre-approved by a hook or skill), session (an earlier "always"), unattended, cancelled.</summary>
    public required string ResolvedBy { get; init; }
}
