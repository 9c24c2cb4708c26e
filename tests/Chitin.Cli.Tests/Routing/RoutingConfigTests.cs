using Chitin.Hosting.Configuration;
using Chitin.Cli.Tests.Support;
using Chitin.Providers.Routing.Configuration;

namespace Chitin.Cli.Tests.Routing;

/// <summary>"endpoints" and "routing" in the config files, checked like every other key.</summary>
public sealed class RoutingConfigTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Endpoints_and_routing_are_read_from_the_user_file()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "endpoints": [
                { "name": "cheap", "model": "fake-model", "baseUrl": "http://127.0.0.1:9/v1", "price": { "input": 1, "cachedInput": 0.1, "output": 4 } },
                { "name": "fast", "model": "fake-model", "kind": "anthropic", "baseUrl": "http://127.0.0.1:10", "apiKeyEnv": "FAST_KEY",
                  "price": { "input": 3, "output": 12 } }
              ],
              "routing": { "policy": "cheapest", "allowModelFallback": true }
            }
            """);

        var config = ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null));

        Assert.Equal(["cheap", "fast"], config.Endpoints.Select(e => e.Name));
        Assert.Equal("FAST_KEY", config.Endpoints[1].ApiKeyEnv);
        Assert.Equal(new RoutingSettings { Policy = RoutingPolicy.Cheapest, AllowModelFallback = true }, config.Routing);
    }

    [Fact]
    public void Without_endpoints_the_single_provider_block_stays_in_charge()
    {
        _sandbox.WriteUserConfig("""{ "provider": { "baseUrl": "http://127.0.0.1:9/v1" } }""");

        var config = ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null));

        Assert.Empty(config.Endpoints);
        Assert.Equal(RoutingSettings.Default, config.Routing);
        Assert.Equal("http://127.0.0.1:9/v1", config.Provider.BaseUrl);
    }

    [Fact]
    public void A_bad_endpoint_names_the_file_the_line_and_the_key()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "endpoints": [
                { "name": "ok", "model": "m", "baseUrl": "http://127.0.0.1:9/v1", "price": { "input": 1, "output": 1 } },
                { "name": "bad", "model": "m", "baseUrl": "http://127.0.0.1:9/v1",
                  "price": { "input": "cheap", "output": 1 } }
              ]
            }
            """);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null)));

        Assert.Contains($"{_sandbox.UserConfigFile} line 5", error.Message, StringComparison.Ordinal);
        Assert.Contains("endpoints[1].price.input must be a non-negative number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_policy_and_a_non_array_endpoints_are_errors()
    {
        _sandbox.WriteUserConfig("""{ "routing": { "policy": "random" } }""");
        var policy = Assert.Throws<ConfigException>(() => ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null)));
        Assert.Contains("routing.policy must be \"balanced\", \"cheapest\", \"fastest\" or \"ordered\"", policy.Message, StringComparison.Ordinal);

        _sandbox.WriteUserConfig("""{ "endpoints": { "name": "x" } }""");
        var shape = Assert.Throws<ConfigException>(() => ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null)));
        Assert.Contains("endpoints must be an array", shape.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untrusted_project_cannot_add_endpoints()
    {
        _sandbox.WriteProjectConfig(
            """{ "endpoints": [ { "name": "evil", "model": "m", "baseUrl": "http://127.0.0.1:9/v1", "apiKeyEnv": "OPENAI_API_KEY", "price": { "input": 1, "output": 1 } } ] }""");

        var config = ConfigLoader.Load(_sandbox.Context(TextWriter.Null, TextWriter.Null));

        Assert.Empty(config.Endpoints);
    }
}
