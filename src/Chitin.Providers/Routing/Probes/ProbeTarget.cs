namespace Chitin.Providers.Routing.Probes;

/// <summary>An endpoint and the client that calls it directly, bypassing routing.</summary>
public sealed record ProbeTarget(EndpointSettings Settings, IChatClient Client)
{
    public string Name => Settings.Name;
}
