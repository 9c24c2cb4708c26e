namespace Chitin.Hosting;

/// <summary>What a routing client starts from instead of cold: telemetry from stored metering rows, probe verdicts and session pins.</summary>
public sealed record RoutingEvidence(TelemetryBook Telemetry, VerdictBook Verdicts, IReadOnlyDictionary<string, string> Pins)
{
    /// <summary>Metering rows replayed into telemetry at start: each endpoint keeps at most its last 256 anyway.</summary>
    public const int SeedRows = 5_000;

    /// <summary>Reads the evidence; a database that cannot be read leaves routing cold, with a warning, rather than failing the run.</summary>
    public static RoutingEvidence Load(string databasePath, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var telemetry = new TelemetryBook();
        var verdicts = new VerdictBook();
        try
        {
            // The store is synchronous SQLite underneath; its tasks are already complete.
            var store = SqliteProviderEvaluationStore.Open(databasePath);
            telemetry.Seed(store.LoadRecentUsageAsync(SeedRows, CancellationToken.None).GetAwaiter().GetResult());
            verdicts.Load(store.LoadVerdictsAsync(CancellationToken.None).GetAwaiter().GetResult());
            return new RoutingEvidence(telemetry, verdicts, store.LoadPinsAsync(CancellationToken.None).GetAwaiter().GetResult());
        }
        catch (DatabaseException ex)
        {
            warn($"routing: starting without stored telemetry, verdicts and pins: {ex.Message}");
            return new RoutingEvidence(telemetry, verdicts, new Dictionary<string, string>());
        }
    }
}
