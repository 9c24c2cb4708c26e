using System.Text.Json;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Events;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Core.Tools.Deferral;
using Chitin.Integration.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Tools;

namespace Chitin.Integration.Tests;

/// <summary>
/// Deferred tools through the real loop: scripted model server over HTTP, the agent loop with the built-in tools,
/// and a real stdio MCP server with 200 tools.
/// </summary>
public sealed class DeferredToolsOverHttpTests(DevhubServer devhub) : IClassFixture<DevhubServer>
{
    private const string Reopen = "mcp__devhub__reopen_issue";

    [Fact]
    public async Task The_first_request_with_a_200_tool_server_stays_within_1_25x_of_the_request_without_it()
    {
        await using var live = await LiveLoop.StartAsync(WireFormat.OpenAI, ModelScript.FromResponder(_ => ScriptStep.Text("ok")));
        var builtIn = BuiltInTools.CreateDefault();

        await RunAsync(live, new ToolRegistry(builtIn), "List the open issues.");
        await RunAsync(live, new ToolRegistry(builtIn, devhub.Deferred), "List the open issues.");
        await RunAsync(live, new ToolRegistry([.. builtIn, .. devhub.Source.Tools]), "List the open issues.");

        var (without, deferred, loaded) = (live.Server.Requests[0].PromptTokens, live.Server.Requests[1].PromptTokens, live.Server.Requests[2].PromptTokens);
        Assert.True(deferred <= without * 1.25, $"deferred: {deferred} tokens vs {without} without the server");
        // The baseline the deferral saves: all 200 schemas on every call.
        Assert.True(loaded > without * 5, $"always loaded: {loaded} tokens vs {without}");
        Assert.Equal(["mcp__devhub__*"], devhub.Deferred.Groups.Select(g => g.Source));
        Assert.Contains("tool_search", live.Server.Requests[1].Parsed!.ToolNames);
        Assert.DoesNotContain(live.Server.Requests[1].Parsed!.ToolNames, n => n.StartsWith("mcp__", StringComparison.Ordinal));
        Assert.Contains("- mcp__devhub__* (200): ", live.Server.Requests[1].Parsed!.SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_found_by_tool_search_is_called_by_name_in_the_next_step_and_reaches_the_server()
    {
        await using var live = await LiveLoop.StartAsync(WireFormat.OpenAI, ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("tool_search", """{"query":"the bug came back, reopen the closed issue"}""")),
            ScriptStep.ToolCalls(new ScriptToolCall(Reopen, """{"issue_number":7}""")),
            ScriptStep.Text("Reopened issue 7.")));

        var result = await RunAsync(live, new ToolRegistry(BuiltInTools.CreateDefault(), devhub.Deferred), "Issue 7 is back; reopen it.");

        Assert.Equal(RunStatus.Done, result.Status);
        var requests = live.Server.Requests;
        Assert.DoesNotContain(Reopen, requests[0].Parsed!.ToolNames);
        Assert.Contains(Reopen, requests[1].Parsed!.ToolNames);
        Assert.StartsWith(LoadedTools.ResultPrefix, requests[1].Parsed!.LastToolResults.Single().Content, StringComparison.Ordinal);
        Assert.Equal("""reopen_issue called with {"issue_number":7}""", requests[2].Parsed!.LastToolResults.Single().Content);
    }

    [Fact]
    public async Task The_prefix_before_the_load_point_is_byte_identical_and_loaded_tools_are_appended_in_load_order()
    {
        await using var live = await LiveLoop.StartAsync(WireFormat.OpenAI, ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("tool_search", """{"query":"reopen issue","limit":2}""")),
            ScriptStep.ToolCalls(new ScriptToolCall("tool_search", """{"query":"cancel a workflow run","limit":1}""")),
            ScriptStep.ToolCalls(new ScriptToolCall(Reopen, """{"issue_number":1}""")),
            ScriptStep.Text("done")));

        await RunAsync(live, new ToolRegistry(BuiltInTools.CreateDefault(), devhub.Deferred), "Reopen issue 1.");

        var bodies = live.Server.Requests.Select(r => JsonDocument.Parse(r.Body)).ToList();
        var tools = bodies.Select(b => b.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetRawText()).ToList()).ToList();
        var messages = bodies.Select(b => b.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetRawText()).ToList()).ToList();
        for (var i = 1; i < bodies.Count; i++)
        {
            // Every tool and message the previous call sent is sent again, byte for byte, in the same place.
            Assert.Equal(tools[i - 1], tools[i].Take(tools[i - 1].Count));
            Assert.Equal(messages[i - 1], messages[i].Take(messages[i - 1].Count));
        }

        var names = live.Server.Requests.Select(r => r.Parsed!.ToolNames).ToList();
        var always = names[0].Count;
        Assert.Equal(2, names[1].Count - always);
        Assert.Equal(Reopen, names[1][always]);
        Assert.Equal(["mcp__devhub__cancel_workflow_run"], names[2].Skip(always + 2));
        Assert.Equal(names[2], names[3]);
        Assert.True(live.Server.Requests[1].CachedTokens > 0, "the always-loaded prefix should be cached after a load");
    }

    [Fact]
    public async Task A_deferred_tool_never_loaded_and_called_by_name_gets_an_error_that_names_tool_search()
    {
        await using var live = await LiveLoop.StartAsync(WireFormat.OpenAI, ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall(Reopen, """{"issue_number":7}""")),
            ScriptStep.Text("I need tool_search first.")));

        await RunAsync(live, new ToolRegistry(BuiltInTools.CreateDefault(), devhub.Deferred), "Reopen issue 7.");

        var error = live.Server.Requests[1].Parsed!.LastToolResults.Single().Content;
        Assert.Contains($"Tool '{Reopen}' is deferred and not loaded", error, StringComparison.Ordinal);
        Assert.Contains("Call tool_search", error, StringComparison.Ordinal);
        Assert.DoesNotContain("called with", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loaded_tools_stay_loaded_when_the_session_is_resumed()
    {
        await using var live = await LiveLoop.StartAsync(WireFormat.OpenAI, ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("tool_search", """{"query":"reopen issue","limit":1}""")),
            ScriptStep.Text("Loaded it."),
            ScriptStep.ToolCalls(new ScriptToolCall(Reopen, """{"issue_number":3}""")),
            ScriptStep.Text("Reopened.")));
        var registry = new ToolRegistry(BuiltInTools.CreateDefault(), devhub.Deferred);
        var first = await RunAsync(live, registry, "Find the reopen tool.");

        var second = await RunAsync(live, registry, "Now reopen issue 3.", first.SessionId);

        Assert.Equal(RunStatus.Done, second.Status);
        Assert.Contains(Reopen, live.Server.Requests[2].Parsed!.ToolNames);
        Assert.Equal("""reopen_issue called with {"issue_number":3}""", live.Server.Requests[3].Parsed!.LastToolResults.Single().Content);
    }

    [Fact]
    public async Task Tool_search_ranks_the_right_tool_in_its_top_3_for_at_least_18_of_the_20_needs()
    {
        var search = new ToolSearchTool(devhub.Deferred);
        var context = new ToolContext(Path.GetTempPath(), "eval", Path.GetTempPath());
        var misses = new List<string>();
        foreach (var (need, tool) in DevhubServer.Needs())
        {
            var arguments = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["query"] = need, ["limit"] = 3 });
            var result = await search.InvokeAsync(new ToolInvocation("c", "tool_search", arguments, context), CancellationToken.None);
            var loaded = result.Text.Split('\n')[0][LoadedTools.ResultPrefix.Length..].Split(", ");
            if (!loaded.Contains("mcp__devhub__" + tool))
            {
                misses.Add($"{need} → {tool}, got {string.Join(", ", loaded)}");
            }
        }

        Assert.Equal(20, DevhubServer.Needs().Count);
        Assert.True(misses.Count <= 2, string.Join("\n", misses));
    }

    private static async Task<AgentRunResult> RunAsync(LiveLoop live, ToolRegistry tools, string prompt, string? sessionId = null)
    {
        var layers = tools.Deferred.Count > 0 ? new IPromptLayerSource[] { new DeferredToolsLayer(tools.Deferred) } : [];
        var runner = new AgentRunner(live.Chat, tools, live.Store, live.Store, new DefaultToolApprover(approveAll: true), new AgentRunnerOptions
        {
            ProviderName = "test",
            ArtifactsRoot = Path.Combine(live.Root, "artifacts"),
            PromptLayers = layers,
        });
        return await runner.RunToCompletionAsync(live.Request(prompt, sessionId));
    }
}
