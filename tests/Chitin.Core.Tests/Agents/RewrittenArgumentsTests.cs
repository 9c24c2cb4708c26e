using System.Text.Json;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Hooks;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tests.Support;
using Chitin.Core.Tools;
using Chitin.Testing.InProcess;
using Chitin.Tools;

namespace Chitin.Core.Tests.Agents;

public sealed class RewrittenArgumentsTests
{
    [Fact]
    public async Task A_hook_rewritten_call_is_recorded_as_it_ran_next_to_the_models_arguments()
    {
        await using var h = await LoopHarness.CreateAsync();
        var chat = ScriptedChatClient.FromTurns(
            ScriptedTurn.Call("write_file", """{"path":"draft.txt","content":"hello"}"""),
            ScriptedTurn.Say("Written."));
        var hooks = new RedirectingHook("draft.txt", "sandboxed/draft.txt");
        var runner = new AgentRunner(chat, new ToolRegistry(BuiltInTools.CreateDefault()), h.Store, h.Store, new DefaultToolApprover(approveAll: true), new AgentRunnerOptions
        {
            ProviderName = "test",
            ArtifactsRoot = Path.Combine(h.Root, "artifacts"),
            Hooks = hooks,
        });

        var events = await LoopHarness.CollectAsync(runner.RunAsync(h.Request("write the draft")));

        var done = events.OfType<RunCompleted>().Single().Result;
        Assert.Equal(RunStatus.Done, done.Status);
        Assert.True(File.Exists(Path.Combine(h.Workspace, "sandboxed", "draft.txt")));
        Assert.False(File.Exists(Path.Combine(h.Workspace, "draft.txt")));

        // Read back from SQLite: the model's call as it asked, the result as it ran.
        var messages = await h.Store.LoadMessagesAsync(done.SessionId, CancellationToken.None);
        var asked = messages.Single(m => m.Role == MessageRole.Assistant && m.ToolCalls is not null).ToolCalls!.Single();
        var ran = messages.Single(m => m.Role == MessageRole.Tool);
        Assert.Equal("draft.txt", PathOf(asked.ArgumentsJson));
        Assert.Equal("sandboxed/draft.txt", PathOf(ran.RanArgumentsJson!));
        Assert.Equal(asked.Id, ran.ToolCallId);
    }

    [Fact]
    public async Task A_call_that_ran_as_the_model_sent_it_records_no_second_copy()
    {
        await using var h = await LoopHarness.CreateAsync();
        var chat = ScriptedChatClient.FromTurns(
            ScriptedTurn.Call("write_file", """{"path":"draft.txt","content":"hello"}"""),
            ScriptedTurn.Say("Written."));
        var runner = h.Runner(chat, BuiltInTools.CreateDefault());

        var events = await LoopHarness.CollectAsync(runner.RunAsync(h.Request("write the draft")));

        var messages = await h.Store.LoadMessagesAsync(events.OfType<RunCompleted>().Single().Result.SessionId, CancellationToken.None);
        Assert.Null(messages.Single(m => m.Role == MessageRole.Tool).RanArgumentsJson);
    }

    private static string? PathOf(string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        return document.RootElement.GetProperty("path").GetString();
    }

    /// <summary>A before_tool hook that moves writes of one path to another, as a guard script might.</summary>
    private sealed class RedirectingHook(string from, string to) : IAgentHooks
    {
        public ValueTask<HookOutcome> RunAsync(HookRequest request, CancellationToken cancellationToken)
        {
            if (request.Event != HookEvent.BeforeTool || request.Arguments is not { } arguments || arguments.GetProperty("path").GetString() != from)
            {
                return ValueTask.FromResult(HookOutcome.Continue);
            }

            var rewritten = JsonSerializer.SerializeToElement(new Dictionary<string, string>
            {
                ["path"] = to,
                ["content"] = arguments.GetProperty("content").GetString()!,
            });
            return ValueTask.FromResult(new HookOutcome(HookVerdict.Continue, RewrittenArguments: rewritten));
        }
    }
}
