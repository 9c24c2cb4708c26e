using System.Globalization;
using Chitin.Core.Metering;
using Chitin.Providers.Routing;
using Chitin.Providers.Routing.Configuration;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Bench.Routing;

/// <summary>
/// The cost of a 30-turn scripted session routed (balanced) between a cacheless endpoint at list price and a caching
/// one at twice the list price, against the same session pinned to the list-cheapest endpoint. Prints the saving.
/// </summary>
public static class RoutedSessionBenchmark
{
    private const string Model = "fake-model";
    private static readonly ModelPrice Cheap = new(1m, 0.1m, 0m, 4m);
    private static readonly ModelPrice Dear = new(2m, 0.2m, 0m, 8m);

    public static async Task<int> RunAsync(int sessions, CancellationToken ct)
    {
        decimal routed = 0, pinned = 0;
        int onCaching = 0;
        for (int s = 0; s < sessions; s++)
        {
            var (cost, caching) = await SessionAsync(pinnedToCheap: false, $"session {s}", ct);
            routed += cost;
            onCaching += caching;
            pinned += (await SessionAsync(pinnedToCheap: true, $"session {s}", ct)).Cost;
        }

        decimal saving = 1 - (routed / pinned);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT 30-turn session cost: routed ${routed / sessions:0.0000}, pinned to list-cheapest ${pinned / sessions:0.0000}, saving {saving:P1} ({onCaching / (double)sessions:0.0}/30 turns on the caching endpoint at 2x list price)"));
        return routed < pinned ? 0 : 1;
    }

    private static async Task<(decimal Cost, int OnCaching)> SessionAsync(bool pinnedToCheap, string opening, CancellationToken ct)
    {
        await using var cacheless = await ScriptedModelServer.StartAsync(Answer("cacheless"), new ScriptedModelServerOptions { PromptCaching = false });
        await using var caching = await ScriptedModelServer.StartAsync(Answer("caching"));
        var endpoints = new List<EndpointSettings> { Endpoint("cacheless", cacheless, Cheap) };
        if (!pinnedToCheap)
        {
            endpoints.Add(Endpoint("caching", caching, Dear));
        }

        using var client = RoutingClientFactory.Create(endpoints, new RoutingSettings(), _ => null);
        var history = new List<ChatMessage> { new(ChatRole.System, "You are a careful agent. " + Words(1500)), new(ChatRole.User, opening) };
        decimal cost = 0;
        int onCaching = 0;
        for (int turn = 0; turn < 30; turn++)
        {
            ChatResponse response = await client.GetResponseAsync(history, new ChatOptions { ModelId = Model }, ct);
            RoutedModelId.TryParse(response.ModelId, out _, out string endpoint);
            ModelPrice price = endpoint == "caching" ? Dear : Cheap;
            onCaching += endpoint == "caching" ? 1 : 0;
            long input = response.Usage?.InputTokenCount ?? 0, cached = response.Usage?.CachedInputTokenCount ?? 0, output = response.Usage?.OutputTokenCount ?? 0;
            cost += (((input - cached) * price.Input) + (cached * price.CachedInput) + (output * price.Output)) / 1_000_000m;
            history.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            history.Add(new ChatMessage(ChatRole.User, $"Tool output of step {turn}: " + Words(60)));
        }

        return (cost, onCaching);
    }

    private static ModelScript Answer(string name) => ModelScript.FromResponder(r => ScriptStep.Text($"{name} answers {r.Index}: " + Words(40)));

    private static EndpointSettings Endpoint(string name, ScriptedModelServer server, ModelPrice price) =>
        new() { Name = name, Model = Model, BaseUrl = server.BaseUrl + "/v1", Price = price };

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => "token" + (i % 97).ToString(CultureInfo.InvariantCulture)));
}
