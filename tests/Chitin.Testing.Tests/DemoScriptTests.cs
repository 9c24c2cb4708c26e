using System.Text.Json;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;
using Microsoft.Extensions.AI;

namespace Chitin.Testing.Tests;

/// <summary>The demo responder driven the way a harness drives a model: call, run the tools, send the results back.</summary>
public sealed class DemoScriptTests
{
    private const string WcOutput = "6 notes/plan.md";

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Drives_four_tool_steps_then_answers_with_facts_from_the_results(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.Demo());
        var run = await RunAsync(Sdk.Client(format, server), _ => null);

        Assert.Equal(["list_dir", "write_file", "run_shell", "read_file"], run.Calls.Select(c => c.Name));
        Assert.Equal(".", Argument(run.Calls[0], "path"));
        Assert.Equal("notes/plan.md", Argument(run.Calls[1], "path"));
        var plan = Argument(run.Calls[1], "content");
        Assert.StartsWith("# Plan\n", plan, StringComparison.Ordinal);
        Assert.Equal(6, plan.Split('\n', StringSplitOptions.None).Length - 1);
        Assert.Equal("wc -l notes/plan.md", Argument(run.Calls[2], "command"));
        Assert.Equal("notes/plan.md", Argument(run.Calls[3], "path"));

        Assert.Equal(ChatFinishReason.Stop, run.Final.FinishReason);
        Assert.Contains(WcOutput, run.Final.Text, StringComparison.Ordinal);
        Assert.Contains("README.md notes/", run.Final.Text, StringComparison.Ordinal);
        Assert.Contains("# Plan 1. Look at the workspace.", run.Final.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", run.Final.Text, StringComparison.Ordinal);
        Assert.Equal(5, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Theory]
    [InlineData(Sdk.OpenAI)]
    [InlineData(Sdk.Anthropic)]
    public async Task Reports_a_failed_tool_in_its_final_answer(string format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.Demo());
        var run = await RunAsync(Sdk.Client(format, server), call => call.Name == "run_shell" ? "Error: run_shell is not allowed by policy" : null);

        Assert.Equal(4, run.Calls.Count);
        Assert.Contains("1 of 4 tool steps failed", run.Final.Text, StringComparison.Ordinal);
        Assert.Contains("run_shell failed: \"Error: run_shell is not allowed by policy\"", run.Final.Text, StringComparison.Ordinal);
        if (format == Sdk.Anthropic)
        {
            var results = server.Requests[^1].Parsed!.AllToolResults.ToList();
            Assert.True(results[2].IsError, "the Anthropic SDK sends is_error for a result that carries an exception");
        }
    }

    [Fact]
    public async Task Serves_concurrent_conversations_independently()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.Demo());

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            RunAsync(Sdk.Client(i % 2 == 0 ? Sdk.OpenAI : Sdk.Anthropic, server), _ => null)));

        Assert.All(runs, run =>
        {
            Assert.Equal(4, run.Calls.Count);
            Assert.Contains(WcOutput, run.Final.Text, StringComparison.Ordinal);
        });
        Assert.Equal(20, server.Requests.Count);
    }

    private static string Argument(FunctionCallContent call, string name) => ((JsonElement)call.Arguments![name]!).GetString()!;

    /// <summary>A minimal harness loop with fake tools; <paramref name="failure"/> returns an error text for a call that should fail.</summary>
    private static async Task<(List<FunctionCallContent> Calls, ChatResponse Final)> RunAsync(IChatClient client, Func<FunctionCallContent, string?> failure)
    {
        var options = Sdk.WithTools("list_dir", "write_file", "run_shell", "read_file");
        List<ChatMessage> messages = [new(ChatRole.System, "You are a demo agent."), new(ChatRole.User, "Write a short plan and check it.")];
        var calls = new List<FunctionCallContent>();
        for (var turn = 0; turn < 10; turn++)
        {
            var response = (await Sdk.StreamAsync(client, messages, options)).ToChatResponse();
            messages.AddMessages(response);
            var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (requested.Count == 0)
            {
                return (calls, response);
            }

            foreach (var call in requested)
            {
                calls.Add(call);
                var error = failure(call);
                var result = error is null
                    ? new FunctionResultContent(call.CallId, Execute(call))
                    : new FunctionResultContent(call.CallId, error) { Exception = new InvalidOperationException(error) };
                messages.Add(new ChatMessage(ChatRole.Tool, [result]));
            }
        }

        throw new InvalidOperationException("The demo never finished.");
    }

    private static string Execute(FunctionCallContent call) => call.Name switch
    {
        "list_dir" => "README.md\nnotes/",
        "write_file" => "wrote notes/plan.md (6 lines)",
        "run_shell" => WcOutput + "\n",
        "read_file" => Argument(call, "path") == "notes/plan.md" ? "# Plan\n\n1. Look at the workspace.\n" : "not found",
        _ => "unknown tool",
    };
}
