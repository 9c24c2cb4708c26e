using System.Text;
using System.Text.Json;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Events;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tests.Support;
using Chitin.Core.Tools;
using Chitin.Testing.InProcess;
using Chitin.Tools;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tests.Context;

public sealed class ContextEngineeringTests
{
    private static readonly TiktokenCounter Tokens = TiktokenCounter.Instance;

    private static string Serialize(ChatMessage m) => JsonSerializer.Serialize(m, AIJsonUtilities.DefaultOptions);

    private static int CountRequestTokens(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var total = 0;
        foreach (var m in messages)
        {
            foreach (var c in m.Contents)
            {
                total += c switch
                {
                    TextContent t => Tokens.CountTokens(t.Text),
                    FunctionCallContent f => Tokens.CountTokens(f.Name + JsonSerializer.Serialize(f.Arguments, AIJsonUtilities.DefaultOptions)),
                    FunctionResultContent r => Tokens.CountTokens(r.Result?.ToString() ?? ""),
                    _ => 0,
                };
            }

            total += 4;
        }

        foreach (var tool in options?.Tools ?? [])
        {
            total += Tokens.CountTokens(JsonSerializer.Serialize(tool, AIJsonUtilities.DefaultOptions));
        }

        return total;
    }

    [Fact]
    public async Task The_prefix_is_byte_identical_across_50_turns_and_across_two_sessions()
    {
        await using var h = await LoopHarness.CreateAsync();
        var chat = new ScriptedChatClient((_, i) => i % 5 == 4 ? ScriptedTurn.Say("turn done " + i) : ScriptedTurn.Call("read_file", """{"path":"notes.txt"}"""));
        await File.WriteAllTextAsync(Path.Combine(h.Workspace, "notes.txt"), "kelp forest\n");
        var runner = h.Runner(chat, BuiltInTools.CreateDefault());

        string? sessionId = null;
        for (var turn = 0; turn < 10; turn++)
        {
            var result = await runner.RunToCompletionAsync(h.Request("turn " + turn, sessionId));
            Assert.Equal(RunStatus.Done, result.Status);
            sessionId = result.SessionId;
        }

        Assert.Equal(50, chat.Received.Count);
        for (var i = 1; i < chat.Received.Count; i++)
        {
            var before = chat.Received[i - 1].Select(Serialize).ToList();
            var after = chat.Received[i].Select(Serialize).ToList();
            Assert.True(after.Count > before.Count, $"call {i} did not grow");
            Assert.Equal(before, after.Take(before.Count));
            Assert.Equal(
                JsonSerializer.Serialize(chat.ReceivedOptions[i - 1]!.Tools, AIJsonUtilities.DefaultOptions),
                JsonSerializer.Serialize(chat.ReceivedOptions[i]!.Tools, AIJsonUtilities.DefaultOptions));
        }

        // A second session with the same agent configuration starts with the same bytes.
        var second = await runner.RunToCompletionAsync(h.Request("another task"));
        Assert.NotEqual(sessionId, second.SessionId);
        Assert.Equal(Serialize(chat.Received[0][0]), Serialize(chat.Received[50][0]));
        Assert.Equal(
            JsonSerializer.Serialize(chat.ReceivedOptions[0]!.Tools, AIJsonUtilities.DefaultOptions),
            JsonSerializer.Serialize(chat.ReceivedOptions[50]!.Tools, AIJsonUtilities.DefaultOptions));
    }

    [Fact]
    public async Task A_200_KB_tool_output_adds_at_most_600_tokens_and_the_model_reads_the_rest_back()
    {
        await using var h = await LoopHarness.CreateAsync();
        var big = new StringBuilder();
        for (var i = 1; i <= 4000; i++)
        {
            big.Append("line ").Append(i).Append(": ").Append(new string((char)('a' + (i % 26)), 40)).Append('\n');
        }

        Assert.True(big.Length >= 200_000);
        var dump = new LambdaTool("dump", ToolTraits.ReadOnly, (_, _) => ValueTask.FromResult(ToolResult.Ok(big.ToString())));
        string? artifactPath = null;
        var chat = new ScriptedChatClient((messages, i) =>
        {
            if (i == 0)
            {
                return ScriptedTurn.Call("dump", "{}");
            }

            if (i == 1)
            {
                var excerpt = ((FunctionResultContent)messages[^1].Contents[0]).Result!.ToString()!;
                artifactPath = excerpt[(excerpt.IndexOf("Saved in full to ", StringComparison.Ordinal) + 17)..excerpt.IndexOf(" — ", StringComparison.Ordinal)];
                return ScriptedTurn.Call("read_file", JsonSerializer.Serialize(new Dictionary<string, object> { ["path"] = artifactPath, ["offset"] = 2500, ["limit"] = 2 }));
            }

            return ScriptedTurn.Say("found: " + ((FunctionResultContent)messages[^1].Contents[0]).Result);
        });
        var tools = BuiltInTools.CreateDefault().Append(dump);

        var result = await h.Runner(chat, tools).RunToCompletionAsync(h.Request("dump it"));

        Assert.Equal(RunStatus.Done, result.Status);
        var before = CountRequestTokens(chat.Received[0], null);
        var after = CountRequestTokens(chat.Received[1], null);
        Assert.True(after - before <= 600, $"context grew by {after - before} tokens for a 200 KB result");
        Assert.NotNull(artifactPath);
        Assert.Equal(big.ToString(), await File.ReadAllTextAsync(artifactPath!));
        if (!OperatingSystem.IsWindows())
        {
            // Tool output may hold anything the workspace holds: owner-only, like the rest of Chitin's state.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(artifactPath!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(artifactPath)!));
        }

        Assert.Contains("line 2500: ", result.FinalText, StringComparison.Ordinal);
        Assert.Contains("line 2501: ", result.FinalText, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2502: ", result.FinalText, StringComparison.Ordinal);
        var stored = (await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None)).First(m => m.ToolName == "dump");
        Assert.Contains("line 1: ", stored.Text, StringComparison.Ordinal);
        Assert.Contains("line 4000: ", stored.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_step_task_whose_raw_history_exceeds_a_32k_window_finishes_inside_the_window()
    {
        await using var h = await LoopHarness.CreateAsync();
        const int window = 32_000;
        var payload = string.Join('\n', Enumerable.Range(0, 60).Select(i => $"row {i}: the quick brown fox jumps over the lazy dog {i * 7}"));
        var work = new LambdaTool("work", ToolTraits.ReadOnly, (inv, _) => ValueTask.FromResult(ToolResult.Ok(inv.Arguments.GetProperty("value").GetString() + "\n" + payload)));
        var taskCalls = 0;
        var summaries = 0;
        var chat = new ScriptedChatClient((messages, _) =>
        {
            if (messages[0].Text.StartsWith("You compact", StringComparison.Ordinal))
            {
                summaries++;
                return ScriptedTurn.Say($"## Goal\nRun work 200 times.\n## Decisions\nNone.\n## State of the work\nSummary {summaries}.\n## Files touched\nnone\n## Open questions\nnone");
            }

            var n = ++taskCalls;
            return n <= 200 ? ScriptedTurn.Call("work", $$"""{"value":"step {{n}}"}""") : ScriptedTurn.Say("all 200 steps done");
        });
        var runner = new AgentRunner(chat, new ToolRegistry([work]), h.Store, h.Store, new DefaultToolApprover(true), new AgentRunnerOptions
        {
            ArtifactsRoot = Path.Combine(h.Root, "artifacts"),
            Context = new ContextOptions { ContextWindowTokens = window },
        });

        var events = await LoopHarness.CollectAsync(runner.RunAsync(h.Request("do the work", limits: new AgentLimits { MaxSteps = 250 })));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(201, result.Steps);
        var rawTokens = Tokens.CountTokens(payload) * 200;
        Assert.True(rawTokens > window, $"raw history {rawTokens} should exceed the window");
        var largest = chat.Received.Select((m, i) => CountRequestTokens(m, chat.ReceivedOptions[i])).Max();
        Assert.True(largest <= window, $"a request sent {largest} tokens");
        Assert.True(summaries > 0);
        Assert.Contains(events, e => e is ContextCompacted { Summarized: true });

        // Compaction deleted nothing: every tool result is still in the store.
        var stored = await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
        Assert.Equal(200, stored.Count(m => m.Role == MessageRole.Tool));
        Assert.Contains(stored, m => m.Kind == MessageKind.Compaction);
    }

    [Fact]
    public async Task A_model_error_during_compaction_loses_nothing_and_the_task_continues()
    {
        await using var h = await LoopHarness.CreateAsync();
        // Long assistant reasoning cannot be pruned like tool results, so only a summary (or dropping turns) can help.
        var thinking = string.Join(' ', Enumerable.Range(0, 120).Select(i => $"consideration {i} about the plan"));
        const string payload = "small result";
        var work = new LambdaTool("work", ToolTraits.ReadOnly, (_, _) => ValueTask.FromResult(ToolResult.Ok(payload)));
        var taskCalls = 0;
        var chat = new ScriptedChatClient((messages, _) =>
        {
            if (messages[0].Text.StartsWith("You compact", StringComparison.Ordinal))
            {
                throw new ModelCallException("503 overloaded while summarising", isTransient: true, statusCode: 503);
            }

            return ++taskCalls <= 40 ? new ScriptedTurn { Text = thinking, ToolCalls = [ScriptedTurn.Function("work", "{}")] } : ScriptedTurn.Say("finished anyway");
        });
        var runner = new AgentRunner(chat, new ToolRegistry([work]), h.Store, h.Store, new DefaultToolApprover(true), new AgentRunnerOptions
        {
            ArtifactsRoot = Path.Combine(h.Root, "artifacts"),
            Context = new ContextOptions { ContextWindowTokens = 16_000 },
        });

        // 40 identical calls with identical results only build up context here; the loop guard would (rightly) stop them.
        var limits = new AgentLimits { MaxSteps = 60, LoopGuard = new Chitin.Core.Agents.Guards.LoopGuardOptions { Enabled = false } };
        var events = await LoopHarness.CollectAsync(runner.RunAsync(h.Request("go", limits: limits)));

        var result = Assert.IsType<RunCompleted>(events[^1]).Result;
        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal("finished anyway", result.FinalText);
        Assert.Contains(events, e => e is ErrorOccurred { Kind: "compaction" } err && err.Message.Contains("503 overloaded", StringComparison.Ordinal));
        var stored = await h.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
        Assert.Equal(40, stored.Count(m => m.Role == MessageRole.Tool));
        Assert.All(stored.Where(m => m.Role == MessageRole.Tool), m => Assert.Equal(payload, m.Text));
        Assert.All(chat.Received.Where(r => !r[0].Text.StartsWith("You compact", StringComparison.Ordinal)), r => Assert.True(CountRequestTokens(r, null) <= 16_000));
    }

    [Fact]
    public void Context_messages_replace_compacted_turns_with_the_summary_and_stub_pruned_results()
    {
        var t = DateTimeOffset.UnixEpoch;
        var longResult = new string('r', 1000);
        SessionMessage[] transcript =
        [
            new() { Sequence = 1, Role = MessageRole.User, Text = "old task", CreatedAt = t },
            new() { Sequence = 2, Role = MessageRole.Assistant, ToolCalls = [new("c1", "read_file", "{}")], CreatedAt = t },
            new() { Sequence = 3, Role = MessageRole.Tool, ToolCallId = "c1", ToolName = "read_file", Text = longResult, CreatedAt = t },
            new() { Sequence = 4, Role = MessageRole.Assistant, ToolCalls = [new("c2", "read_file", "{}")], CreatedAt = t },
            new() { Sequence = 5, Role = MessageRole.Tool, ToolCallId = "c2", ToolName = "read_file", Text = longResult, CreatedAt = t },
            new() { Sequence = 6, Role = MessageRole.System, Kind = MessageKind.Compaction, Text = "S", CompactsThrough = 3, PrunedThrough = 5, CreatedAt = t },
            new() { Sequence = 7, Role = MessageRole.Assistant, Text = "done", CreatedAt = t },
        ];

        var built = ContextMessages.Build("SYS", transcript);

        Assert.Equal(["system", "user", "assistant", "tool", "assistant"], built.Select(m => m.Role.Value));
        Assert.Contains("S", built[1].Text, StringComparison.Ordinal);
        Assert.StartsWith(ContextMessages.SummaryOpen, built[1].Text, StringComparison.Ordinal);
        var stub = ((FunctionResultContent)built[3].Contents[0]).Result!.ToString()!;
        Assert.Contains("pruned", stub, StringComparison.Ordinal);
        Assert.DoesNotContain(longResult, stub, StringComparison.Ordinal);
        Assert.Equal(built.Select(Serialize), ContextMessages.Build("SYS", transcript).Select(Serialize));
    }

    [Fact]
    public async Task Prompt_layers_are_ordered_frozen_per_session_and_kept_on_resume()
    {
        await using var h = await LoopHarness.CreateAsync();
        var memory = new MutableLayer("memory digest", 30) { Text = "The user prefers tabs." };
        var chat = new ScriptedChatClient((_, i) => ScriptedTurn.Say("ok " + i));
        var runner = new AgentRunner(chat, ToolRegistry.Empty, h.Store, h.Store, new DefaultToolApprover(true), new AgentRunnerOptions
        {
            SystemPrompt = "BASE",
            ArtifactsRoot = Path.Combine(h.Root, "artifacts"),
            PromptLayers = [memory, new MutableLayer("skills index", 20) { Text = "skill: deploy" }],
        });

        var first = await runner.RunToCompletionAsync(h.Request("hello"));
        memory.Text = "The user now prefers spaces.";
        await runner.RunToCompletionAsync(h.Request("again", first.SessionId));
        await runner.RunToCompletionAsync(h.Request("new session"));

        Assert.Equal("BASE\n\nskill: deploy\n\nThe user prefers tabs.", chat.Received[0][0].Text);
        Assert.Equal(chat.Received[0][0].Text, chat.Received[1][0].Text);
        Assert.Equal("BASE\n\nskill: deploy\n\nThe user now prefers spaces.", chat.Received[2][0].Text);
    }

    private sealed class MutableLayer(string name, int order) : IPromptLayerSource
    {
        public string Text { get; set; } = "";

        public string Name => name;

        public int Order => order;

        public ValueTask<string?> GetTextAsync(PromptLayerContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(Text);
    }

    [Fact]
    public void Token_counting_stays_linear_on_a_huge_single_word_and_close_on_normal_text()
    {
        var blob = new string('A', 5_000_000);
        var count = Tokens.CountTokens(blob);
        Assert.InRange(count, 5_000_000 / 64, 5_000_000);

        var prose = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "word" + (i % 50)));
        var chunked = Tokens.CountTokens(prose);
        var whole = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForModel("gpt-4o").CountTokens(prose);
        Assert.InRange(chunked, whole - 20, whole + 20);
    }
}
