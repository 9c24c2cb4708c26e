namespace Chitin.Agents.Bus;

/// <summary>
/// One line of a task's append-only <c>ledger.jsonl</c>. <see cref="Kind"/> says what happened; the other fields are set as the kind needs them.
/// </summary>
public sealed record LedgerEntry
{
    public required LedgerKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Agent { get; init; }

    public string? Parent { get; init; }

    public string? Task { get; init; }

    public string? Role { get; init; }

    public string? Model { get; init; }

    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>"isolated" or "fork" (spawn).</summary>
    public string? Context { get; init; }

    public decimal? BudgetUsd { get; init; }

    public int? TimeoutSeconds { get; init; }

    /// <summary>The child's session (claim, complete, fail).</summary>
    public string? Session { get; init; }

    /// <summary>The runtime's status (complete, fail).</summary>
    public AgentStatus? Status { get; init; }

    /// <summary>USD of a charge, or the whole cost of a finished child.</summary>
    public decimal? Usd { get; init; }

    public long? Tokens { get; init; }

    public string? Error { get; init; }

    /// <summary>The process that holds the claim; another process may reclaim it once the lease expired.</summary>
    public int? Pid { get; init; }
}
