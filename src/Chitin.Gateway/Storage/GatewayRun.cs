namespace Chitin.Gateway.Storage;

/// <summary>One turn run by the gateway, as /api/runs/{id} shows it.</summary>
public sealed record GatewayRun
{
    public required string RunId { get; init; }

    public required string SessionKey { get; init; }

    public string? SessionId { get; init; }

    public required string Source { get; init; }

    /// <summary>queued, running, completed, cancelled, failed, parked (stopped by a gateway shutdown).</summary>
    public required string Status { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string? Error { get; init; }
}
