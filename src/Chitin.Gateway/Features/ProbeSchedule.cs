namespace Chitin.Gateway.Features;

/// <summary>
/// Config <c>routing.probeEvery</c>: the gateway probes every routed model's endpoints on that period, through the
/// live routing clients, so what the probes conclude (suspect, conformance) gates the very next call. Probes bill
/// their own budget (<c>routing.probeBudgetUsd</c> a day); once it is spent they wait for the next day.
/// </summary>
internal sealed class ProbeSchedule(ChitinHost host, ChitinConfig config, TimeProvider time, ILogger log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.Routing.ProbeEvery is not { } every || config.Endpoints.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await ProbeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DatabaseException or InvalidOperationException or HttpRequestException)
            {
                log.LogWarning("scheduled probes failed: {Message}", ex.Message);
            }
        }
    }

    private async Task ProbeOnceAsync(CancellationToken ct)
    {
        var store = SqliteProviderEvaluationStore.Open(config.Paths.DatabaseFile);
        foreach (string model in config.Endpoints.Select(e => e.Model).Distinct(StringComparer.Ordinal))
        {
            if (host.Clients.Get(model).Client.GetService<EndpointRoutingChatClient>() is not { } routed)
            {
                continue;
            }

            ProbeBudget budget = await ProbeBudget.LoadAsync(store, config.Routing.ProbeBudgetUsd, time, ct).ConfigureAwait(false);
            var targets = routed.Targets.Select(t => new ProbeTarget(t.Endpoint.Settings, t.Client)).ToList();
            ProbeReport report = await new ProbeRunner(targets, store, routed.Ranker.Verdicts, budget, time).ProbeAsync(null, null, ct).ConfigureAwait(false);
            foreach (EndpointProbeResult result in report.Endpoints)
            {
                log.LogInformation("probe {Endpoint}: conformance {Conformance}, flags {Flags}", result.Endpoint, result.ConformanceRate, string.Join(",", result.Flags.Select(StoredNames.Name)));
            }

            if (report.Stopped is { } stopped)
            {
                log.LogInformation("{Message}", stopped);
                return;
            }
        }
    }
}
