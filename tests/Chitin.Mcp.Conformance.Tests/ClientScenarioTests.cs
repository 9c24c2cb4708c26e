using Chitin.Mcp.Conformance.Tests.Support;

namespace Chitin.Mcp.Conformance.Tests;

/// <summary>
/// The suite's client mode against <c>chitin mcp check</c>: the handshake, a tool call, SSE reconnection and the whole
/// auth suite (the suite's own authorization server approves the login; scripts/conformance/client follows it).
/// </summary>
public sealed class ClientScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("chitin-conformance-").FullName;

    public static TheoryData<string> Scenarios =>
    [
        "initialize",
        "tools_call",
        "sse-retry",
        "auth/metadata-default",
        "auth/metadata-var1",
        "auth/metadata-var2",
        "auth/metadata-var3",
        "auth/basic-cimd",
        "auth/scope-from-www-authenticate",
        "auth/scope-from-scopes-supported",
        "auth/scope-omitted-when-undefined",
        "auth/scope-step-up",
        "auth/scope-retry-limit",
        "auth/token-endpoint-auth-basic",
        "auth/token-endpoint-auth-post",
        "auth/token-endpoint-auth-none",
        "auth/pre-registration",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_passes(string scenario)
    {
        var outcome = await ConformanceSuite.RunClientAsync(scenario, _home);

        outcome.AssertPassed(scenario);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
