using System.Text;
using Chitin.Core.Metering;
using Chitin.Providers.Routing;
using Chitin.Providers.Routing.Budgets;
using Chitin.Providers.Routing.Configuration;
using Chitin.Providers.Routing.Probes;
using Chitin.Providers.Routing.Telemetry;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Personas;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Routing;

/// <summary>Scripted servers as providers of one logical model, and a session driver that prices what they report.</summary>
internal sealed class RoutingKit : IAsyncDisposable
{
    public const string Model = "fake-model";

    private readonly List<ScriptedModelServer> _servers = [];
    private readonly List<EndpointSettings> _endpoints = [];

    public ManualClock Clock { get; } = new();

    public TelemetryBook Telemetry { get; } = new();

    public List<RoutingNotice> Notices { get; } = [];

    public IReadOnlyList<EndpointSettings> Endpoints => _endpoints;

    public ScriptedModelServer this[string name] => _servers[_endpoints.FindIndex(e => e.Name == name)];

    /// <summary>Starts a persona: a scripted server answering every request with a fixed-length text.</summary>
    public async Task<ScriptedModelServer> AddAsync(string name, ModelPrice price, bool caching = true, int? contextTokens = null)
    {
        var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromResponder(request => ScriptStep.Text($"{name} answers request {request.Index}: " + Filler(40))),
            new ScriptedModelServerOptions { PromptCaching = caching });
        _servers.Add(server);
        _endpoints.Add(new EndpointSettings
        {
            Name = name,
            Model = Model,
            BaseUrl = server.BaseUrl + "/v1",
            Price = price,
            ContextTokens = contextTokens,
        });
        return server;
    }

    /// <summary>
    /// Starts a persona (see <see cref="ProviderPersonas"/>) on its own port, answering like <see cref="ProbeResponder"/>,
    /// its simulated time moving <see cref="Clock"/>. Caches like OpenAI: prefixes from 1,024 tokens.
    /// </summary>
    public async Task<ScriptedModelServer> AddPersonaAsync(string name, ModelPrice price, int seed = 1, double epsilon = 0.1, string? reference = null, string? persona = null)
    {
        var server = await ScriptedModelServer.StartAsync(
            new ProbeResponder(seed).Script(),
            new ScriptedModelServerOptions
            {
                Persona = ProviderPersonas.Create(persona ?? name, Clock.Advance, seed, epsilon),
                MinCacheableTokens = 1024,
            });
        _servers.Add(server);
        _endpoints.Add(new EndpointSettings { Name = name, Model = Model, BaseUrl = server.BaseUrl + "/v1", Price = price, Reference = reference });
        return server;
    }

    /// <summary>Probe targets over the endpoints (each called directly), sharing one client stack with routing's.</summary>
    public List<ProbeTarget> ProbeTargets(EndpointRoutingChatClient client) =>
        [.. client.Targets.Select(t => new ProbeTarget(t.Endpoint.Settings, t.Client))];

    public EndpointRoutingChatClient Client(RoutingPolicy policy = RoutingPolicy.Balanced, ISpendGate? budgets = null, RoutingOptions? options = null, params string[] only)
    {
        IReadOnlyList<EndpointSettings> chosen = only.Length == 0 ? _endpoints : [.. _endpoints.Where(e => only.Contains(e.Name))];
        return RoutingClientFactory.Create(
            chosen,
            new RoutingSettings { Policy = policy },
            _ => null,
            options,
            Telemetry,
            Clock,
            budgets,
            notice =>
            {
                lock (Notices)
                {
                    Notices.Add(notice);
                }
            });
    }

    /// <summary>Drives a session of <paramref name="turns"/> calls with a growing history; returns each turn's result.</summary>
    public static async Task<List<Turn>> RunSessionAsync(IChatClient client, string opening, int turns, CancellationToken ct, ManualClock? clock = null, string system = "You are a careful agent. ")
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.System, system + Filler(1500)),
            new(ChatRole.User, opening),
        };
        var results = new List<Turn>();
        for (int t = 0; t < turns; t++)
        {
            Turn turn = await CallAsync(client, history, ct);
            results.Add(turn);
            history.Add(new ChatMessage(ChatRole.Assistant, turn.Text));
            history.Add(new ChatMessage(ChatRole.User, $"Tool output of step {t}: " + Filler(60)));
            clock?.Advance(TimeSpan.FromSeconds(5));
        }

        return results;
    }

    public static async Task<Turn> CallAsync(IChatClient client, IList<ChatMessage> history, CancellationToken ct, ChatOptions? options = null)
    {
        var text = new StringBuilder();
        UsageDetails? usage = null;
        string? modelId = null;
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(history, options ?? new ChatOptions { ModelId = Model }, ct))
        {
            text.Append(update.Text);
            modelId ??= update.ModelId;
            usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
        }

        Assert.True(RoutedModelId.TryParse(modelId, out _, out string endpoint), $"routed responses carry model@endpoint, got '{modelId}'");
        return new Turn(endpoint, text.ToString(), usage?.InputTokenCount ?? 0, usage?.CachedInputTokenCount ?? 0, usage?.OutputTokenCount ?? 0);
    }

    public decimal Cost(Turn turn)
    {
        ModelPrice price = _endpoints.Single(e => e.Name == turn.Endpoint).Price;
        return ((turn.Input - turn.Cached) * price.Input + turn.Cached * price.CachedInput + turn.Output * price.Output) / 1_000_000m;
    }

    public static string Filler(int words)
    {
        var text = new StringBuilder();
        for (int i = 0; i < words; i++)
        {
            text.Append("token").Append(i % 97).Append(' ');
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ScriptedModelServer server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    public sealed record Turn(string Endpoint, string Text, long Input, long Cached, long Output);
}
