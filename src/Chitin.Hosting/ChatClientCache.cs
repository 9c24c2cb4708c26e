using Chitin.Hosting.Configuration;
using Chitin.Providers.Chat;
using Microsoft.Extensions.AI;

namespace Chitin.Hosting;

/// <summary>One provider client per model, made on first use from the effective configuration.</summary>
public sealed class ChatClientCache : IDisposable
{
    private readonly ChitinConfig _config;
    private readonly (IChatClient Client, string ProviderName)? _fixed;
    private readonly Dictionary<string, (IChatClient Client, string ProviderName)> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="fixedClient">A client that answers every model instead of the configured provider (the demo's in-process model).</param>
    public ChatClientCache(ChitinConfig config, (IChatClient Client, string ProviderName)? fixedClient = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _fixed = fixedClient;
    }

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

            var settings = _config.ToProviderSettings(model);
            try
            {
                settings.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new ConfigException($"config error in provider settings ({_config.Provider.BaseUrlSource}): {ex.Message}");
            }

            var created = (ChatClientFactory.Create(settings), settings.Name);
            _clients[model] = created;
            return created;
        }
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
