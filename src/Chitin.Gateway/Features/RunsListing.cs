namespace Chitin.Gateway.Features;

/// <summary>The latest gateway runs, newest first (the web UI's Runs page).</summary>
internal sealed class RunsListing(GatewayStore store) : IGatewayListing
{
    public const int Limit = 200;

    public string Kind => "runs";

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = await store.ListRunsAsync(Limit, cancellationToken);
        return [.. runs.Select(run => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["run_id"] = run.RunId,
            ["session_key"] = run.SessionKey,
            ["session_id"] = run.SessionId,
            ["source"] = run.Source,
            ["status"] = run.Status,
            ["started_at"] = run.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["finished_at"] = run.FinishedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["error"] = run.Error,
        })];
    }
}
