namespace Chitin.Hosting.Routing;

/// <summary>Builds the rows of <c>chitin providers list</c> (and the web UI's Providers page) from config and the stored evidence.</summary>
public static class EndpointListing
{
    /// <summary>The configured endpoints; without any, the single provider block is one endpoint named "provider".</summary>
    public static IReadOnlyList<EndpointSettings> Configured(ChitinConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Endpoints.Count > 0)
        {
            return config.Endpoints;
        }

        if (config.Model is not { } model)
        {
            return [];
        }

        return [new EndpointSettings
        {
            Name = "provider",
            Model = model,
            Kind = config.Provider.Kind == "anthropic" ? Chitin.Providers.Configuration.ProviderKind.Anthropic : Chitin.Providers.Configuration.ProviderKind.OpenAI,
            BaseUrl = config.Provider.BaseUrl,
            Price = config.Prices.Find(model) ?? new Chitin.Core.Metering.ModelPrice(0, 0, 0, 0),
        }];
    }

    /// <summary>A model's endpoints best first, ranked with what was measured and probed (stored telemetry, verdicts as gates).</summary>
    public static List<RankedEndpoint> Rank(IReadOnlyList<EndpointSettings> ofModel, RoutingEvidence evidence, CallShape shape, RoutingPolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ofModel);
        ArgumentNullException.ThrowIfNull(evidence);
        var routed = ofModel.Select((e, i) => new RoutedEndpoint(e, i, new EndpointHealth(RoutingOptions.Default, time), evidence.Telemetry.For(e.Name))).ToList();
        return new EndpointRanker(RoutingOptions.Default, evidence.Verdicts).Rank(routed, RouteQuery.From(shape), policy);
    }

    public static EndpointRowOutput Row(EndpointSettings e, RoutingEvidence evidence)
    {
        EndpointStats stats = evidence.Telemetry.Stats(e.Name);
        EndpointStats? reference = e.Reference is { } name ? evidence.Telemetry.Stats(name) : null;
        EndpointVerdict? verdict = evidence.Verdicts.Find(e.Name);
        var declared = new List<string>();
        if (e.Quantization is { } quantization)
        {
            declared.Add($"quantization {quantization}");
        }

        if (e.Price.CachedInput < e.Price.Input)
        {
            declared.Add(string.Create(CultureInfo.InvariantCulture, $"a prompt cache (cached input ${e.Price.CachedInput:0.####} vs ${e.Price.Input:0.####} per million)"));
        }

        return new EndpointRowOutput(e.Name, e.Model, e.Kind.ToString().ToLowerInvariant(), e.BaseUrl, e.WireModel,
            e.Price.Input, e.Price.CachedInput, e.Price.CacheWrite, e.Price.Output, e.Quantization, e.ContextTokens, e.Reference)
        {
            Calls = stats.Calls,
            SuccessRate = stats.Calls == 0 ? null : stats.SuccessRate,
            Failures = stats.Failures.ToDictionary(f => Snake(f.Key), f => f.Value),
            TimeToFirstTokenP50Ms = stats.TimeToFirstTokenP50Ms,
            TimeToFirstTokenP90Ms = stats.TimeToFirstTokenP90Ms,
            DecodeTokensPerSecond = stats.DecodeTokensPerSecond,
            CacheHitRate = stats.CacheHitRate,
            PromptTokenRatio = stats.PromptTokenRatio,
            ConformanceRate = verdict?.ConformanceRate,
            Suspect = verdict?.Suspect ?? false,
            EquivalencePValue = verdict?.PValue,
            Declared = declared,
            Detected = [.. ProblemDetector.Detect(e, stats, reference, verdict).Select(p => new ProblemOutput(StoredNames.Name(p.Flag), p.Evidence))],
        };
    }

    public static string Share(double? value) => value is { } share ? share.ToString("P0", CultureInfo.InvariantCulture) : "-";

    public static string Number(double? value) => value is { } number ? number.ToString("0", CultureInfo.InvariantCulture) : "-";

    public static string Ttft(EndpointRowOutput row) => row.TimeToFirstTokenP50Ms is { } p50
        ? string.Create(CultureInfo.InvariantCulture, $"{p50:0}/{row.TimeToFirstTokenP90Ms:0} ms")
        : "-";

    private static string Snake(ErrorClass error) => error switch
    {
        ErrorClass.RateLimited => "rate_limited",
        ErrorClass.ServerError => "server_error",
        ErrorClass.Unauthorized => "unauthorized",
        ErrorClass.PaymentRequired => "payment_required",
        ErrorClass.BadRequest => "bad_request",
        _ => "none",
    };
}
