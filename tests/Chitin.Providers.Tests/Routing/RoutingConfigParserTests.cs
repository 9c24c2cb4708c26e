using System.Text.Json;
using Chitin.Providers.Configuration;
using Chitin.Providers.Routing.Configuration;

namespace Chitin.Providers.Tests.Routing;

public sealed class RoutingConfigParserTests
{
    private const string TwoEndpoints = """
        [
          { "name": "deepseek", "model": "deepseek-v3", "kind": "openai", "baseUrl": "https://api.deepseek.com/v1", "apiKeyEnv": "DEEPSEEK_API_KEY",
            "upstreamModel": "deepseek-chat", "price": { "input": 0.27, "cachedInput": 0.07, "output": 1.1 }, "contextTokens": 64000 },
          { "name": "together", "model": "deepseek-v3", "baseUrl": "https://api.together.xyz/v1", "price": { "input": 1.25, "output": 1.25 },
            "quantization": "fp8", "reference": "deepseek" }
        ]
        """;

    [Fact]
    public void Reads_endpoints_as_the_issue_writes_them()
    {
        var endpoints = RoutingConfigParser.ParseEndpoints(Parse(TwoEndpoints));

        Assert.Equal(2, endpoints.Count);
        var first = endpoints[0];
        Assert.Equal(("deepseek", "deepseek-v3", ProviderKind.OpenAI, "DEEPSEEK_API_KEY", "deepseek-chat", 64000),
            (first.Name, first.Model, first.Kind, first.ApiKeyEnv, first.WireModel, first.ContextTokens));
        Assert.Equal(new Chitin.Core.Metering.ModelPrice(0.27m, 0.07m, 0m, 1.1m), first.Price);

        // No declared cached price means no discount is counted on; the upstream model defaults to the logical one.
        Assert.Equal(1.25m, endpoints[1].Price.CachedInput);
        Assert.Equal("deepseek-v3", endpoints[1].WireModel);
        Assert.Equal(("fp8", "deepseek"), (endpoints[1].Quantization, endpoints[1].Reference));
    }

    [Fact]
    public void Reads_routing_policy_and_model_fallback()
    {
        var routing = RoutingConfigParser.ParseRouting(Parse("""{ "policy": "cheapest", "allowModelFallback": true }"""));
        Assert.Equal(new RoutingSettings { Policy = RoutingPolicy.Cheapest, AllowModelFallback = true }, routing);
        Assert.Equal(RoutingSettings.Default, RoutingConfigParser.ParseRouting(Parse("{}")));
        Assert.Equal(0.50m, RoutingSettings.Default.ProbeBudgetUsd);
        var probing = RoutingConfigParser.ParseRouting(Parse("""{ "probeBudgetUsd": 0.2, "probeEvery": "6h" }"""));
        Assert.Equal(0.2m, probing.ProbeBudgetUsd);
        Assert.Equal(TimeSpan.FromHours(6), probing.ProbeEvery);
    }

    [Theory]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1" }]""", "endpoints[0].price is required")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1", "price": { "output": 1 } }]""", "endpoints[0].price.input is required")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1", "price": { "input": -1, "output": 1 } }]""", "endpoints[0].price.input must be a non-negative number")]
    [InlineData("""[{ "name": "a", "model": "m", "kind": "gemini", "baseUrl": "https://x.example/v1", "price": { "input": 1, "output": 1 } }]""", "endpoints[0].kind must be \"openai\" or \"anthropic\"")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "ftp://x", "price": { "input": 1, "output": 1 } }]""", "endpoints[0].baseUrl must be an absolute http(s) URL")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1", "apiKeyEnv": "sk-abc", "price": { "input": 1, "output": 1 } }]""", "endpoints[0].apiKeyEnv must be an environment variable name")]
    [InlineData("""[{ "model": "m", "baseUrl": "https://x.example/v1", "price": { "input": 1, "output": 1 } }]""", "endpoints[0].name is required")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1", "price": { "input": 1, "output": 1 }, "contextTokens": 0 }]""", "endpoints[0].contextTokens must be a positive whole number")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1", "price": { "input": 1, "output": 1 }, "priority": 1 }]""", "endpoints[0].priority is not a known key")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1", "price": { "input": 1, "output": 1 } }, { "name": "A", "model": "m", "baseUrl": "https://y.example/v1", "price": { "input": 1, "output": 1 } }]""", "endpoints[1].name \"A\" is used by an earlier endpoint")]
    [InlineData("""[{ "name": "a", "model": "m", "baseUrl": "https://x.example/v1", "price": { "input": 1, "output": 1 }, "reference": "b" }, { "name": "b", "model": "other", "baseUrl": "https://y.example/v1", "price": { "input": 1, "output": 1 } }]""", "endpoints[0].reference \"b\" must name another endpoint of the same model")]
    [InlineData("""{ "name": "a" }""", "endpoints must be an array")]
    public void Bad_endpoints_are_rejected_naming_the_key(string json, string expected)
    {
        var error = Assert.Throws<RoutingConfigException>(() => RoutingConfigParser.ParseEndpoints(Parse(json)));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "policy": "random" }""", "routing.policy must be \"balanced\", \"cheapest\", \"fastest\" or \"ordered\"")]
    [InlineData("""{ "allowModelFallback": "yes" }""", "routing.allowModelFallback must be true or false")]
    [InlineData("""{ "strategy": "x" }""", "routing.strategy is not a known key")]
    [InlineData("""{ "probeBudgetUsd": -1 }""", "routing.probeBudgetUsd must be a non-negative number")]
    [InlineData("""{ "probeEvery": "30s" }""", "routing.probeEvery must be a duration of at least a minute")]
    [InlineData("""{ "probeEvery": "often" }""", "routing.probeEvery must be a duration of at least a minute")]
    public void Bad_routing_is_rejected_naming_the_key(string json, string expected)
    {
        var error = Assert.Throws<RoutingConfigException>(() => RoutingConfigParser.ParseRouting(Parse(json)));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
