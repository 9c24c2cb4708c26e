namespace Chitin.Gateway.Hosting;

/// <summary>How one gateway is started: the invocation's context and the command-line overrides.</summary>
public sealed record GatewayLaunch
{
    public required IHostContext Context { get; init; }

    /// <summary>--port; null keeps gateway.port.</summary>
    public int? Port { get; init; }

    /// <summary>--bind; null keeps gateway.bind.</summary>
    public string? Bind { get; init; }

    /// <summary>Receives warnings (config, MCP servers) for stderr.</summary>
    public Action<string> Warn { get; init; } = static _ => { };

    /// <summary>Where ASP.NET Core and Orleans log; null keeps them silent.</summary>
    public ILoggerProvider? Logging { get; init; }

    /// <summary>A client that answers every model instead of the configured provider (demos, benchmarks).</summary>
    public (IChatClient Client, string ProviderName)? ChatClient { get; init; }
}
