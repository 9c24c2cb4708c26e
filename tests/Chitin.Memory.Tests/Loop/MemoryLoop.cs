using System.Text.RegularExpressions;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Events;
using Chitin.Core.Hooks;
using Chitin.Core.Metering;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Memory.Capture;
using Chitin.Memory.Digest;
using Chitin.Memory.Storage;
using Chitin.Memory.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Memory.Tests.Loop;

/// <summary>
/// The real loop over loopback HTTP with memory wired in as the CLI does: scripted model server → OpenAI provider →
/// AgentRunner with the memory tools, the digest prompt layer and capture hooks → one SQLite file holding sessions,
/// usage, memory items and capture marks. Only the model is scripted.
/// </summary>
internal sealed partial class MemoryLoop : IAsyncDisposable
{
    public const string Model = "scripted-model";
    public const string CapturePromptStart = "You extract durable memories";
    public const string CompactPromptStart = "You compact";

    private readonly TestFolder _folder;

    private MemoryLoop(TestFolder folder, ScriptedModelServer server, SqliteChitinStore store, SqliteMemoryStore memory, SqliteCaptureMarks marks, IChatClient chat, WireFormat format)
    {
        _folder = folder;
        ProviderName = format.ToString().ToLowerInvariant();
        Server = server;
        Store = store;
        Memory = memory;
        Marks = marks;
        Chat = chat;
        Workspace = folder.Sub("workspace");
    }

    public string Workspace { get; }

    /// <summary>Provider name written to usage rows: "openai" or "anthropic".</summary>
    public string ProviderName { get; }

    public string DatabasePath => _folder.DatabasePath;

    public ScriptedModelServer Server { get; }

    public SqliteChitinStore Store { get; }

    public SqliteMemoryStore Memory { get; }

    public SqliteCaptureMarks Marks { get; }

    public IChatClient Chat { get; }

    /// <summary>Warnings the capture hooks reported.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// A server whose answers depend on who asks: capture calls go to <paramref name="capture"/>, compaction calls to
    /// <paramref name="compact"/>, everything else to <paramref name="agent"/> (default: <see cref="ToolDriver"/>).
    /// </summary>
    public static async Task<MemoryLoop> StartAsync(
        Func<ScriptRequest, ScriptStep>? agent = null,
        Func<ScriptRequest, ScriptStep>? capture = null,
        Func<ScriptRequest, ScriptStep>? compact = null,
        WireFormat format = WireFormat.OpenAI)
    {
        agent ??= ToolDriver;
        var script = ModelScript.FromResponder(request => request.SystemPrompt switch
        {
            { } s when s.StartsWith(CapturePromptStart, StringComparison.Ordinal) =>
                (capture ?? throw new InvalidOperationException("unexpected capture call"))(request),
            { } s when s.StartsWith(CompactPromptStart, StringComparison.Ordinal) =>
                (compact ?? (_ => ScriptStep.Text("## Goal\nCompacted.")))(request),
            _ => agent(request),
        });
        var folder = new TestFolder();
        var server = await ScriptedModelServer.StartAsync(script);
        var store = await SqliteChitinStore.OpenAsync(folder.DatabasePath, CancellationToken.None);
        var memory = await SqliteMemoryStore.OpenAsync(folder.DatabasePath, new MemoryStoreOptions(), CancellationToken.None);
        var marks = await SqliteCaptureMarks.OpenAsync(folder.DatabasePath, CancellationToken.None);
        var chat = ChatClientFactory.Create(new ProviderSettings
        {
            Kind = format == WireFormat.Anthropic ? ProviderKind.Anthropic : ProviderKind.OpenAI,
            BaseUrl = format == WireFormat.Anthropic ? server.BaseUrl : server.BaseUrl + "/v1",
            ApiKey = "test-key-123",
            Model = Model,
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
        });
        return new MemoryLoop(folder, server, store, memory, marks, chat, format);
    }

    /// <summary>
    /// The default agent: a prompt "tool_name {json}" makes the model call that tool with those arguments; once the
    /// result is back, the model answers with the result's text, so the run's final text is what the tool said.
    /// </summary>
    public static ScriptStep ToolDriver(ScriptRequest request)
    {
        if (request.LastToolResults.Count > 0)
        {
            return ScriptStep.Text(request.LastToolResults[0].Content);
        }

        var prompt = request.LastUserText ?? "";
        var space = prompt.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && prompt.StartsWith("memory_", StringComparison.Ordinal)
            ? ScriptStep.ToolCalls(new ScriptToolCall(prompt[..space], prompt[(space + 1)..]))
            : ScriptStep.Text("ok");
    }

    public MemoryCapture Capture(bool enabled = true, int maxInputTokens = 6_000) =>
        new(Memory, Store, Store, Chat, new MemoryCaptureOptions
        {
            Enabled = enabled,
            Model = Model,
            ProviderName = ProviderName,
            MaxInputTokens = maxInputTokens,
            Marks = Marks,
        });

    public AgentRunner Runner(MemoryCapture? capture = null, ContextOptions? context = null)
    {
        IAgentHooks hooks = capture is null ? NoHooks.Instance : new MemoryCaptureHooks(NoHooks.Instance, capture, Warnings.Add);
        return new AgentRunner(
            Chat,
            new ToolRegistry(MemoryTools.Create(Memory)),
            Store,
            Store,
            new DefaultToolApprover(approveAll: true),
            new AgentRunnerOptions
            {
                ProviderName = ProviderName,
                ArtifactsRoot = Path.Combine(_folder.Path, "artifacts"),
                PromptLayers = [new MemoryDigestLayer(Memory, TiktokenCounter.Instance)],
                Hooks = hooks,
                StopHooks = capture is null ? [] : [new MemoryCaptureStopHook(capture, Warnings.Add)],
                Context = context ?? new ContextOptions(),
            });
    }

    public AgentRunRequest Request(string prompt, string agent = "default", string? sessionId = null) => new()
    {
        Prompt = prompt,
        SessionId = sessionId,
        Model = Model,
        Agent = agent,
        Workspace = Workspace,
        Limits = new AgentLimits { MaxSteps = 10 },
    };

    /// <summary>Runs one prompt to the end and returns the result; the run must finish as Done.</summary>
    public async Task<AgentRunResult> RunAsync(string prompt, string agent = "default", string? sessionId = null, MemoryCapture? capture = null, ContextOptions? context = null, List<AgentEvent>? events = null)
    {
        AgentRunResult? result = null;
        await foreach (var e in Runner(capture, context).RunAsync(Request(prompt, agent, sessionId)))
        {
            events?.Add(e);
            if (e is RunCompleted done)
            {
                result = done.Result;
            }
        }

        Assert.NotNull(result);
        Assert.True(result.Status == RunStatus.Done, $"run ended {result.Status}: {result.Error}");
        return result;
    }

    /// <summary>The requests the agent itself made (not capture or compaction calls), in order.</summary>
    public IReadOnlyList<RecordedRequest> AgentRequests =>
        Server.Requests.Where(r => r.Parsed is { } p && !IsCapture(r) && !(p.SystemPrompt?.StartsWith(CompactPromptStart, StringComparison.Ordinal) ?? false)).ToList();

    public IReadOnlyList<RecordedRequest> CaptureRequests => Server.Requests.Where(IsCapture).ToList();

    public static string IdIn(string text) => MemoryId().Match(text) is { Success: true } m ? m.Value : throw new InvalidOperationException($"no memory id in: {text}");

    public async ValueTask DisposeAsync()
    {
        Chat.Dispose();
        Marks.Dispose();
        await Memory.DisposeAsync();
        await Store.DisposeAsync();
        await Server.DisposeAsync();
        _folder.Dispose();
    }

    private static bool IsCapture(RecordedRequest r) => r.Parsed?.SystemPrompt?.StartsWith(CapturePromptStart, StringComparison.Ordinal) ?? false;

    [GeneratedRegex("mem_[0-9a-f]{16}")]
    private static partial Regex MemoryId();
}
