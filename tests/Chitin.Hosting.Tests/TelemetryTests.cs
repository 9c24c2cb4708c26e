using System.Text;
using Chitin.Core.Agents;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chitin.Hosting.Tests;

/// <summary>
/// OpenTelemetry over OTLP/HTTP to a real collector endpoint on loopback: runs, model calls and tool calls arrive as
/// GenAI spans with tokens and cost, metrics arrive, no prompt or result text leaves, and nothing is sent when off.
/// </summary>
public sealed class TelemetryTests
{
    private const string Prompt = "count the quokka-notes please";

    [Fact]
    public async Task A_configured_collector_receives_run_model_and_tool_spans_and_metrics_without_content()
    {
        using var folder = new HostFolder();
        File.WriteAllText(Path.Combine(folder.Workspace, "notes.txt"), "wombat-secret-content\n");
        await using var collector = await Collector.StartAsync();
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(OneToolStep));
        var environment = folder.Environment("home", server);
        File.WriteAllText(Path.Combine(environment["CHITIN_HOME"], "config.json"), $$"""{ "telemetry": { "otlpEndpoint": "{{collector.BaseUrl}}", "serviceName": "chitin-test" } }""");

        await using (var host = await StartedHost.StartAsync(folder.Gateway(environment)))
        {
            var result = await host.Host.Runners.Create(host.Config.RequireModel()).RunToCompletionAsync(new AgentRunRequest
            {
                Prompt = Prompt,
                Model = host.Config.RequireModel(),
                Workspace = folder.Workspace,
            });
            Assert.Equal(RunStatus.Done, result.Status);
        }

        // Disposing the host flushed the exporters.
        var traces = collector.Body("/v1/traces");
        Assert.Contains("invoke_agent default", traces, StringComparison.Ordinal);
        Assert.Contains("execute_tool read_file", traces, StringComparison.Ordinal);
        Assert.Contains("chat " + server.Models[0], traces, StringComparison.Ordinal);
        Assert.Contains("gen_ai.usage.input_tokens", traces, StringComparison.Ordinal);
        Assert.Contains("chitin.cost_usd", traces, StringComparison.Ordinal);
        Assert.Contains("chitin-test", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("quokka", traces, StringComparison.Ordinal);
        Assert.DoesNotContain("wombat", traces, StringComparison.Ordinal);

        var metrics = collector.Body("/v1/metrics");
        Assert.Contains("chitin.runs", metrics, StringComparison.Ordinal);
        Assert.Contains("chitin.tool.duration", metrics, StringComparison.Ordinal);
        Assert.Contains("gen_ai.client.token.usage", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configuration_nothing_is_exported()
    {
        using var folder = new HostFolder();
        await using var collector = await Collector.StartAsync();
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text("done")));
        var environment = folder.Environment("home", server);

        await using (var host = await StartedHost.StartAsync(folder.Gateway(environment)))
        {
            var result = await host.Host.Runners.Create(host.Config.RequireModel()).RunToCompletionAsync(new AgentRunRequest
            {
                Prompt = Prompt,
                Model = host.Config.RequireModel(),
                Workspace = folder.Workspace,
            });
            Assert.Equal(RunStatus.Done, result.Status);
        }

        // The same kind of collector receives spans when configured (above); without configuration nothing was sent.
        Assert.Equal(0, collector.RequestCount);
    }

    private static ScriptStep OneToolStep(ScriptRequest request) => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}""")),
        _ => ScriptStep.Text("one note."),
    };

    /// <summary>An OTLP/HTTP endpoint on loopback that keeps every request body by path (protobuf keeps strings as UTF-8).</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly List<(string Path, byte[] Body)> _received = [];

        private Collector(WebApplication app) => _app = app;

        public string BaseUrl { get; private set; } = "";

        public int RequestCount
        {
            get
            {
                lock (_received)
                {
                    return _received.Count;
                }
            }
        }

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                lock (collector._received)
                {
                    collector._received.Add((context.Request.Path.Value!, buffer.ToArray()));
                }

                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync();
            collector.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return collector;
        }

        public string Body(string path)
        {
            lock (_received)
            {
                var bodies = _received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
                Assert.True(bodies.Count > 0, $"the collector received nothing on {path}; got {string.Join(", ", _received.Select(r => r.Path))}");
                return string.Concat(bodies);
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
