namespace Chitin.Cli.Routing;

/// <summary><c>chitin providers list|rank</c>: the configured endpoints and how routing would order them.</summary>
public static class ProvidersCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var listJson = CommonOptions.Json("the endpoints");
        var list = new Command("list", "List the endpoints: declared prices and quantization, measured figures, declared vs detected problems.") { listJson };
        list.SetAction(parse => List(runtime, parse.GetValue(listJson)));

        var model = new Argument<string>("model") { Description = "The logical model whose endpoints to rank." };
        var policy = new Option<string?>("--policy") { Description = "balanced, cheapest, fastest or ordered (default: routing.policy).", HelpName = "policy" };
        var shape = new Option<string?>("--shape") { Description = "The calls to price: in=<prompt tokens>,out=<output tokens>,turns=<calls in the session>.", HelpName = "shape" };
        var rankJson = CommonOptions.Json("the ranking");
        var rank = new Command("rank", "Rank a model's endpoints best first with expected cost and time per call, and why any is excluded.")
        {
            model, policy, shape, rankJson,
        };
        rank.SetAction(parse => Rank(runtime, parse.GetValue(model)!, parse.GetValue(policy), parse.GetValue(shape), parse.GetValue(rankJson)));
        return new Command("providers", "Endpoints of each logical model: list, rank, probe and verify them, and pin sessions to one.")
        {
            list, rank, ProvidersProbeCommands.Probe(runtime), ProvidersProbeCommands.Verify(runtime), ProvidersPinCommand.Create(runtime),
        };
    }

    private static int List(CommandRuntime runtime, bool json)
    {
        if (Endpoints(runtime, out IReadOnlyList<EndpointSettings> endpoints) is { } failed)
        {
            return failed;
        }

        RoutingEvidence evidence = RoutingEvidence.Load(runtime.Paths.DatabaseFile, runtime.Warn);
        var rows = endpoints.Select(e => EndpointListing.Row(e, evidence)).ToList();
        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(rows, RoutingJsonContext.Default.ListEndpointRowOutput));
            return ExitCodes.Ok;
        }

        runtime.Output.Table(
            ["endpoint", "model", "input", "cached", "output", "calls", "ok", "ttft p50/p90", "tok/s", "cache hits", "conformance", "detected"],
            rows.Select(r => (IReadOnlyList<string>)[r.Name, r.Model, Usd(r.InputUsd), Usd(r.CachedInputUsd), Usd(r.OutputUsd),
                r.Calls.ToString(CultureInfo.InvariantCulture), EndpointListing.Share(r.SuccessRate), EndpointListing.Ttft(r), EndpointListing.Number(r.DecodeTokensPerSecond),
                EndpointListing.Share(r.CacheHitRate), EndpointListing.Share(r.ConformanceRate), r.Detected.Count == 0 ? "-" : string.Join(", ", r.Detected.Select(d => d.Flag))]),
            2, 3, 4, 5, 6, 7, 8, 9, 10);
        foreach (EndpointRowOutput row in rows)
        {
            foreach (string declared in row.Declared)
            {
                runtime.Output.Line($"{row.Name}: declares {declared}");
            }

            foreach (ProblemOutput problem in row.Detected)
            {
                runtime.Output.Line($"{row.Name}: detected {problem.Flag}: {problem.Evidence}");
            }
        }

        return ExitCodes.Ok;
    }

    private static int Rank(CommandRuntime runtime, string model, string? policyText, string? shapeText, bool json)
    {
        CallShape shape;
        try
        {
            shape = shapeText is null ? CallShape.Default : CallShape.Parse(shapeText);
        }
        catch (FormatException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }

        if (policyText is not null && !RoutingPolicies.TryParse(policyText, out _))
        {
            return runtime.Fail(ExitCodes.UsageError, $"--policy must be {RoutingPolicies.Expected}, got '{policyText}'");
        }

        if (Endpoints(runtime, out IReadOnlyList<EndpointSettings> endpoints, out RoutingSettings routing) is { } failed)
        {
            return failed;
        }

        var ofModel = endpoints.Where(e => string.Equals(e.Model, model, StringComparison.Ordinal)).ToList();
        if (ofModel.Count == 0)
        {
            return runtime.Fail(ExitCodes.UsageError, $"no endpoint serves model '{model}'; configured models: {string.Join(", ", endpoints.Select(e => e.Model).Distinct())}");
        }

        RoutingPolicy policy = policyText is null ? routing.Policy : RoutingPolicies.Parse(policyText);
        var ranked = EndpointListing.Rank(ofModel, RoutingEvidence.Load(runtime.Paths.DatabaseFile, runtime.Warn), shape, policy, runtime.Context.Time);
        var rows = ranked.Select((r, i) => new RankRowOutput(i + 1, r.Endpoint.Name, r.Endpoint.Model, r.ExpectedCostUsd, r.ExpectedSeconds, r.Excluded)).ToList();
        if (json)
        {
            runtime.Context.Out.WriteLine(JsonSerializer.Serialize(rows, RoutingJsonContext.Default.ListRankRowOutput));
            return ExitCodes.Ok;
        }

        runtime.Output.Table(
            ["#", "endpoint", "cost/call", "time/call", "excluded"],
            rows.Select(r => (IReadOnlyList<string>)[r.Rank.ToString(CultureInfo.InvariantCulture), r.Endpoint,
                "$" + r.ExpectedCostUsd.ToString("0.00000", CultureInfo.InvariantCulture), r.ExpectedSeconds.ToString("0.0 s", CultureInfo.InvariantCulture), r.Excluded ?? ""]),
            2, 3);
        return ExitCodes.Ok;
    }

    internal static int? Endpoints(CommandRuntime runtime, out IReadOnlyList<EndpointSettings> endpoints) => Endpoints(runtime, out endpoints, out _);

    internal static int? Endpoints(CommandRuntime runtime, out IReadOnlyList<EndpointSettings> endpoints, out RoutingSettings routing)
    {
        endpoints = [];
        routing = RoutingSettings.Default;
        if (!runtime.TryLoadConfig(out var config, out var failed))
        {
            return failed;
        }

        routing = config.Routing;
        endpoints = EndpointListing.Configured(config);
        return null;
    }

    private static string Usd(decimal value) => "$" + value.ToString("0.####", CultureInfo.InvariantCulture);
}
