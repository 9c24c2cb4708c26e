namespace Chitin.Providers.Routing.Ranking;

/// <summary>An endpoint with its live state: health gates and telemetry. <see cref="Order"/> is its place in config.</summary>
public sealed record RoutedEndpoint(EndpointSettings Settings, int Order, EndpointHealth Health, EndpointTelemetry Telemetry)
{
    public string Name => Settings.Name;
}
