namespace Chitin.Providers.Routing;

/// <summary>
/// Builds a <see cref="EndpointRoutingChatClient"/> from config <c>endpoints</c>: one provider stack per endpoint, with no
/// retries of its own (routing fails over instead, and a 429 cools the endpoint down for what Retry-After says).
/// </summary>
public static class RoutingClientFactory
{
    /// <param name="environment">Reads the variables named by <c>apiKeyEnv</c>.</param>
    /// <param name="telemetry">Shared telemetry, seeded from the metering rows; a fresh one when null.</param>
    public static EndpointRoutingChatClient Create(
        IReadOnlyList<EndpointSettings> endpoints,
        RoutingSettings settings,
        Func<string, string?> environment,
        RoutingOptions? options = null,
        TelemetryBook? telemetry = null,
        TimeProvider? time = null,
        ISpendGate? budgets = null,
        Action<RoutingNotice>? notify = null,
        ILoggerFactory? loggerFactory = null,
        Evaluation.VerdictBook? verdicts = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(environment);
        options ??= RoutingOptions.Default;
        telemetry ??= new TelemetryBook();
        time ??= TimeProvider.System;
        var targets = new List<RoutingTarget>(endpoints.Count);
        for (int i = 0; i < endpoints.Count; i++)
        {
            EndpointSettings endpoint = endpoints[i];
            var routed = new RoutedEndpoint(endpoint, i, new EndpointHealth(options, time), telemetry.For(endpoint.Name));
            RoutingTarget? target = null;
            IChatClient client = ChatClientFactory.Create(ProviderFor(endpoint, environment), loggerFactory, response =>
            {
                if ((int)response.StatusCode == 429)
                {
                    target!.Observe(RetryAfter.Read(response, time));
                }
            });
            target = new RoutingTarget(routed, client);
            targets.Add(target);
        }

        return new EndpointRoutingChatClient(targets, settings, options, time, budgets, notify, verdicts);
    }

    /// <summary>The existing single <c>provider</c> block as one endpoint, priced from the price table.</summary>
    public static EndpointSettings FromProvider(ProviderSettings provider, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(prices);
        return new EndpointSettings
        {
            Name = provider.Name,
            Model = provider.Model,
            Kind = provider.Kind,
            BaseUrl = provider.BaseUrl,
            Price = prices.Find(provider.Model) ?? new ModelPrice(0, 0, 0, 0),
        };
    }

    private static ProviderSettings ProviderFor(EndpointSettings endpoint, Func<string, string?> environment) => new()
    {
        Name = endpoint.Name,
        Kind = endpoint.Kind,
        BaseUrl = endpoint.BaseUrl,
        ApiKey = endpoint.ApiKeyEnv is { } variable ? environment(variable) : null,
        ApiKeySource = endpoint.ApiKeyEnv,
        Model = endpoint.WireModel,
        MaxRetries = 0,
    };
}
