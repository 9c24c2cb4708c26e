using System.Net;
using Chitin.Mcp.Conformance.Tests.Support;

namespace Chitin.Mcp.Conformance.Tests;

/// <summary>
/// The suite's server mode against <c>chitin mcp serve --http</c>, for the scenarios that apply to any server (the
/// others test fixture tools, prompts and resources a conformance server must define, which Chitin does not serve).
/// </summary>
public sealed class ServerScenarioTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("chitin-conformance-home-").FullName;
    private readonly string _workspace = Directory.CreateTempSubdirectory("chitin-conformance-ws-").FullName;

    public static TheoryData<string> Scenarios => ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_passes(string scenario)
    {
        await using var server = await ChitinHttpServer.StartAsync(_home, _workspace);

        var outcome = await ConformanceSuite.RunServerAsync(scenario, server.Endpoint, _home, server.Token);

        outcome.AssertPassed(scenario);
    }

    [Fact]
    public async Task Requests_without_the_token_or_with_a_wrong_one_are_refused()
    {
        await using var server = await ChitinHttpServer.StartAsync(_home, _workspace);
        using var http = new HttpClient();
        const string initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

        async Task<HttpStatusCode> PostAsync(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new StringContent(initialize, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(server.Token + "x"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server.Token));
    }

    public void Dispose()
    {
        Directory.Delete(_home, recursive: true);
        Directory.Delete(_workspace, recursive: true);
    }
}
