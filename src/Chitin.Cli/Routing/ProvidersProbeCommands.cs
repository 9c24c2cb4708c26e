namespace Chitin.Cli.Routing;

/// <summary><c>chitin providers probe</c> and <c>chitin providers verify</c>: active checks of endpoints, billed to the probe budget.</summary>
public static class ProvidersProbeCommands
{
    public static Command Probe(CommandRuntime runtime)
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "Probe only this endpoint (default: all).", HelpName = "name" };
        var kind = new Option<string?>("--kind") { Description = $"Only this probe: {ProbeKinds.Expected} (default: all).", HelpName = "kind" };
        var json = CommonOptions.Json("the probe results");
        var probe = new Command("probe", "Probe endpoints: latency, cache (hits reported, and faster?), conformance (JSON mode, tool calls, max_tokens, stop, usage) and equivalence with the reference. Raw samples are kept; spend bills routing.probeBudgetUsd.")
        {
            endpoint, kind, json,
        };
        probe.SetAction((parse, ct) => ProbeAsync(runtime, parse.GetValue(endpoint), parse.GetValue(kind), parse.GetValue(json), ct));
        return probe;
    }

    public static Command Verify(CommandRuntime runtime)
    {
        var endpoint = new Argument<string>("endpoint") { Description = "The endpoint to verify." };
        var against = new Option<string>("--against") { Description = "The endpoint taken as the truth (same model).", Required = true, HelpName = "endpoint" };
        var json = CommonOptions.Json("the verdict");
        var verify = new Command("verify", "Conformance judged by agreement with another endpoint, and a two-sample equivalence test against it. Exit 1 when suspect.")
        {
            endpoint, against, json,
        };
        verify.SetAction((parse, ct) => VerifyAsync(runtime, parse.GetValue(endpoint)!, parse.GetValue(against)!, parse.GetValue(json), ct));
        return verify;
    }

    private static async Task<int> ProbeAsync(CommandRuntime runtime, string? endpoint, string? kindText, bool json, CancellationToken ct)
    {
        ProbeKind? kind = null;
        if (kindText is not null)
        {
            if (!ProbeKinds.TryParse(kindText, out ProbeKind parsed))
            {
                return runtime.Fail(ExitCodes.UsageError, $"--kind must be {ProbeKinds.Expected}, got '{kindText}'");
            }

            kind = parsed;
        }

        if (await RunnerAsync(runtime, ct) is not { } setup)
        {
            return ExitCodes.UsageError;
        }

        using (setup.Client)
        {
            ProbeReport report;
            try
            {
                report = await setup.Runner.ProbeAsync(endpoint, kind, ct);
            }
            catch (ArgumentException ex)
            {
                return runtime.Fail(ExitCodes.UsageError, ex.Message);
            }

            if (json)
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(ProbeOutput.From(report), RoutingJsonContext.Default.ProbeOutput));
            }
            else
            {
                runtime.Output.Table(
                    ["endpoint", "ttft p50", "cached 1st/2nd", "ttft 1st/2nd", "conformance", "equivalence p", "flags", "cost"],
                    report.Endpoints.Select(r => (IReadOnlyList<string>)[r.Endpoint, Ms(r.TimeToFirstTokenP50Ms),
                        r.CacheFirstCachedTokens is null ? "-" : $"{r.CacheFirstCachedTokens}/{r.CacheSecondCachedTokens}",
                        r.CacheFirstTtftMs is null ? "-" : $"{Ms(r.CacheFirstTtftMs)}/{Ms(r.CacheSecondTtftMs)}",
                        EndpointListing.Share(r.ConformanceRate), r.PValue is { } p ? p.ToString("0.####", CultureInfo.InvariantCulture) : "-",
                        r.Flags.Count == 0 ? "-" : string.Join(", ", r.Flags.Select(StoredNames.Name)), Usd(r.CostUsd)]),
                    1, 4, 5, 7);
                foreach (EndpointProbeResult result in report.Endpoints)
                {
                    foreach (string line in result.Notes.Concat(result.Failures))
                    {
                        runtime.Output.Line($"{result.Endpoint}: {line}");
                    }
                }

                runtime.Output.Line($"probe budget: {Usd(report.SpentTodayUsd)} of {Usd(report.BudgetUsd)} spent today; samples kept as run {report.RunId}");
            }

            if (report.Stopped is { } stopped)
            {
                runtime.Warn(stopped);
            }

            return ExitCodes.Ok;
        }
    }

    private static async Task<int> VerifyAsync(CommandRuntime runtime, string endpoint, string against, bool json, CancellationToken ct)
    {
        if (await RunnerAsync(runtime, ct) is not { } setup)
        {
            return ExitCodes.UsageError;
        }

        using (setup.Client)
        {
            (EndpointProbeResult Result, string? Stopped) verified;
            try
            {
                verified = await setup.Runner.VerifyAsync(endpoint, against, ct);
            }
            catch (ArgumentException ex)
            {
                return runtime.Fail(ExitCodes.UsageError, ex.Message);
            }

            VerifyOutput output = VerifyOutput.From(verified.Result, against, verified.Stopped);
            if (json)
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(output, RoutingJsonContext.Default.VerifyOutput));
            }
            else
            {
                runtime.Output.Line(string.Create(CultureInfo.InvariantCulture,
                    $"{output.Endpoint} vs {output.Against}: {output.Verdict} — conformance {EndpointListing.Share(output.ConformanceRate)} of {output.ConformanceChecks} (judged by agreement), equivalence MMD² {output.Mmd2:0.0000}, p = {output.PValue:0.####} over {output.Samples} samples each"));
                foreach (string failure in output.Failures)
                {
                    runtime.Output.Line($"  {failure}");
                }
            }

            if (verified.Stopped is { } stopped)
            {
                runtime.Warn(stopped);
            }

            return output.Suspect ? ExitCodes.TaskFailed : ExitCodes.Ok;
        }
    }

    private static async Task<(ProbeRunner Runner, IDisposable Client)?> RunnerAsync(CommandRuntime runtime, CancellationToken ct)
    {
        if (ProvidersCommand.Endpoints(runtime, out IReadOnlyList<EndpointSettings> endpoints, out RoutingSettings routing) is not null)
        {
            return null;
        }

        if (endpoints.Count == 0)
        {
            runtime.Fail(ExitCodes.UsageError, "no endpoints configured; add config endpoints: [{ name, model, baseUrl, price }]");
            return null;
        }

        try
        {
            var store = SqliteProviderEvaluationStore.Open(runtime.Paths.DatabaseFile);
            RoutingEvidence evidence = RoutingEvidence.Load(runtime.Paths.DatabaseFile, runtime.Warn);
            EndpointRoutingChatClient client = RoutingClientFactory.Create(endpoints, routing, runtime.Context.GetEnvironment, time: runtime.Context.Time);
            ProbeBudget budget = await ProbeBudget.LoadAsync(store, routing.ProbeBudgetUsd, runtime.Context.Time, ct);
            var targets = client.Targets.Select(t => new ProbeTarget(t.Endpoint.Settings, t.Client)).ToList();
            return (new ProbeRunner(targets, store, evidence.Verdicts, budget, runtime.Context.Time), client);
        }
        catch (DatabaseException ex)
        {
            runtime.Fail(ExitCodes.UsageError, ex.Message);
            return null;
        }
    }

    private static string Ms(double? value) => value is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-";

    private static string Usd(decimal value) => "$" + value.ToString("0.####", CultureInfo.InvariantCulture);
}
