namespace Chitin.Hosting;

/// <summary>
/// One provider client per model, made on first use from the effective configuration. A model that config
/// <c>endpoints</c> serve gets a routing client over those endpoints (with budgets), any other the <c>provider</c> block.
/// </summary>
public sealed class ChatClientCache : IDisposable
{
    /// <summary>The provider name usage rows of routed calls carry; the endpoint is in the row's model id (model@endpoint).</summary>
    public const string RoutedProviderName = "routed";

    private readonly ChitinConfig _config;
    private readonly Func<string, string?> _environment;
    private readonly Action<string> _warn;
    private readonly TimeProvider _time;
    private readonly bool _traced;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly (IChatClient Client, string ProviderName)? _fixed;
    private readonly Dictionary<string, (IChatClient Client, string ProviderName)> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="fixedClient">A client that answers every model instead of the configured provider (the demo's in-process model).</param>
    /// <param name="environment">Reads the variables endpoints name in <c>apiKeyEnv</c>; none are read when null.</param>
    public ChatClientCache(
        ChitinConfig config,
        (IChatClient Client, string ProviderName)? fixedClient = null,
        Func<string, string?>? environment = null,
        Action<string>? warn = null,
        TimeProvider? time = null,
        bool traced = false,
        ILoggerFactory? loggerFactory = null)
    {
        _traced = traced;
        _loggerFactory = loggerFactory;
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _fixed = fixedClient;
        _environment = environment ?? (static _ => null);
        _warn = warn ?? (static _ => { });
        _time = time ?? TimeProvider.System;
    }

    /// <summary>True when config <c>endpoints</c> serve <paramref name="model"/>, so its calls are routed.</summary>
    public bool IsRouted(string model) => _fixed is null && _config.Routes(model);

    /// <summary>The client for <paramref name="model"/> and the provider name usage rows carry. Throws <see cref="ConfigException"/> for unusable settings.</summary>
    public (IChatClient Client, string ProviderName) Get(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (_fixed is { } answersAll)
        {
            return answersAll;
        }

        lock (_gate)
        {
            if (_clients.TryGetValue(model, out var existing))
            {
                return existing;
            }

            if (IsRouted(model))
            {
                var routed = (Traced(CreateRouted()), RoutedProviderName);
                _clients[model] = routed;
                return routed;
            }

            var settings = ValidSettings(model);
            var created = (Traced(ChatClientFactory.Create(settings, _loggerFactory)), settings.Name);
            _clients[model] = created;
            return created;
        }
    }

    /// <summary>
    /// As <see cref="Get"/>, but the client is built on its first call: settings are checked now (same exceptions), the
    /// provider SDK is loaded only when a call is made.
    /// </summary>
    public (IChatClient Client, string ProviderName) Deferred(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (_fixed is { } answersAll)
        {
            return answersAll;
        }

        var providerName = IsRouted(model) ? RoutedProviderName : ValidSettings(model).Name;
        return (new DeferredChatClient(() => Get(model).Client), providerName);
    }

    private ProviderSettings ValidSettings(string model)
    {
        var settings = _config.ToProviderSettings(model);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException($"config error in provider settings ({_config.Provider.BaseUrlSource}): {ex.Message}");
        }

        return settings;
    }

    private IChatClient Traced(IChatClient client) => _traced ? Telemetry.ModelCallTracing.Trace(client) : client;

    /// <summary>
    /// The routing client, started warm: telemetry seeded from the stored metering rows, the latest probe verdicts
    /// (so suspect endpoints stay excluded) and the stored session pins.
    /// </summary>
    private EndpointRoutingChatClient CreateRouted()
    {
        var database = _config.Paths.DatabaseFile;
        var evidence = RoutingEvidence.Load(database, _warn);
        var client = RoutingClientFactory.Create(
            _config.Endpoints,
            _config.Routing,
            _environment,
            telemetry: evidence.Telemetry,
            time: _time,
            budgets: new BudgetBook(() => SqliteBudgetStore.Open(database), _time),
            notify: notice => _warn($"routing: {notice.Message}"),
            loggerFactory: _loggerFactory,
            verdicts: evidence.Verdicts);
        foreach (var (session, endpoint) in evidence.Pins)
        {
            client.Sessions.Pin(session, endpoint);
        }

        return client;
    }

    public void Dispose()
    {
        _fixed?.Client.Dispose();
        lock (_gate)
        {
            foreach (var (client, _) in _clients.Values)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }
}
