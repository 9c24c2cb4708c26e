using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Hooks;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Storage.Sqlite;
using Chitin.Testing.InProcess;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Hosting.Tests;

/// <summary>Stop hooks run for every turn of a multi-turn (chat-style) session, with the in-memory transcript and a typed status.</summary>
public sealed class StopHookTests
{
    private const string Draft = """{"name":"notes-summary","description":"Summarises a notes file.","whenToUse":"Use when the user asks what a notes file says.","body":"## Steps\n\n1. List the folder with `list_dir`.\n2. Read the notes file with `read_file`.\n3. Read it again if it changed.\n4. Answer in one sentence."}""";

    [Fact]
    public async Task Distillation_runs_as_a_stop_hook_after_a_chat_style_turn()
    {
        using var folder = new HostFolder();
        File.WriteAllText(Path.Combine(folder.Workspace, "notes.txt"), "three notes\n");
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(ChatTurns));
        var environment = folder.Environment("home", server);
        File.WriteAllText(Path.Combine(environment["CHITIN_HOME"], "config.json"), """{ "skills": { "autoDistill": true }, "memory": { "capture": false } }""");
        await using var host = await StartedHost.StartAsync(folder.Gateway(environment));
        var model = host.Config.RequireModel();
        var runner = host.Host.Runners.Create(model);

        // Turn 1 answers without tools: too little to learn from, so no distillation call.
        var first = await RunAsync(runner, new AgentRunRequest { Prompt = "hello", Model = model, Workspace = folder.Workspace });
        var afterFirst = server.Requests.Count;
        var second = await RunAsync(runner, new AgentRunRequest { Prompt = "What is in notes.txt?", SessionId = first.SessionId, Model = model, Workspace = folder.Workspace });

        Assert.Equal(1, afterFirst);
        Assert.Equal(RunStatus.Done, second.Status);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Single(server.Requests, r => r.Body.Contains("You distill a reusable skill", StringComparison.Ordinal));
        var notice = Assert.Single(host.Notices);
        Assert.StartsWith("drafted skill notes-summary (version 1)", notice, StringComparison.Ordinal);
        Assert.Contains(host.Host.Skills!.Library.List(), s => s.Name == "notes-summary" && s.DistilledFrom == first.SessionId);
    }

    [Fact]
    public async Task A_stop_hook_gets_the_whole_in_memory_transcript_and_the_typed_status_of_each_turn()
    {
        using var folder = new HostFolder();
        await using var store = await SqliteChitinStore.OpenAsync(Path.Combine(folder.Root, "chitin.db"), CancellationToken.None);
        var recorder = new RecordingStopHook();
        using var chat = new ScriptedChatClient((messages, _) => messages[^1].Text switch
        {
            "one" => ScriptedTurn.Say("first answer"),
            "two" => ScriptedTurn.Say("second answer"),
            _ => ScriptedTurn.Call("no_such_tool", "{}"),
        });
        var runner = new AgentRunner(chat, ToolRegistry.Empty, store, store, new DefaultToolApprover(approveAll: true), new AgentRunnerOptions
        {
            ArtifactsRoot = Path.Combine(folder.Root, "artifacts"),
            StopHooks = [recorder],
        });

        var first = await RunAsync(runner, new AgentRunRequest { Prompt = "one", Model = "m", Workspace = folder.Workspace });
        await RunAsync(runner, new AgentRunRequest { Prompt = "two", SessionId = first.SessionId, Model = "m", Workspace = folder.Workspace });
        var limited = await RunAsync(runner, new AgentRunRequest { Prompt = "three", SessionId = first.SessionId, Model = "m", Workspace = folder.Workspace, Limits = new AgentLimits { MaxSteps = 1 } });

        Assert.Equal(RunStatus.LimitReached, limited.Status);
        Assert.Equal([RunStatus.Done, RunStatus.Done, RunStatus.LimitReached], recorder.Stops.Select(s => s.Status));
        var second = recorder.Stops[1];
        Assert.Equal(["one", "first answer", "two", "second answer"], second.Transcript.Where(m => m.Kind == MessageKind.Message).Select(m => m.Text));
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(folder.Workspace, second.Workspace);
    }

    private static ScriptStep ChatTurns(ScriptRequest request)
    {
        if (request.SystemPrompt?.Contains("You distill a reusable skill", StringComparison.Ordinal) == true)
        {
            return ScriptStep.Text(Draft);
        }

        if (request.LastUserText == "hello")
        {
            return ScriptStep.Text("Hello! What should I look at?");
        }

        var sinceQuestion = request.Messages.SkipWhile(m => m.Text != "What is in notes.txt?").Sum(m => m.ToolResults.Count);
        return sinceQuestion switch
        {
            0 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
            1 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}""")),
            2 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}""")),
            _ => ScriptStep.Text("notes.txt holds three notes."),
        };
    }

    private static async Task<AgentRunResult> RunAsync(AgentRunner runner, AgentRunRequest request)
    {
        AgentRunResult? result = null;
        await foreach (var agentEvent in runner.RunAsync(request, CancellationToken.None))
        {
            if (agentEvent is RunCompleted completed)
            {
                result = completed.Result;
            }
        }

        return result ?? throw new InvalidOperationException("the run ended without a result");
    }

    private sealed class RecordingStopHook : IStopHook
    {
        public List<RunStopped> Stops { get; } = [];

        public ValueTask OnStopAsync(RunStopped stop, CancellationToken cancellationToken)
        {
            Stops.Add(stop);
            return ValueTask.CompletedTask;
        }
    }
}
