using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Security.Sandbox;
using Chitin.Storage.Checkpoints;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Tools;
using Chitin.Tools.Shell;
using Microsoft.Extensions.AI;

namespace Chitin.Integration.Tests.Support;

/// <summary>
/// The real loop with checkpoints: scripted model server over loopback HTTP, built-in tools with run_shell in the
/// bubblewrap sandbox (required), SQLite, and the checkpoint store under a temporary CHITIN_HOME.
/// </summary>
public sealed class UndoLoop : IAsyncDisposable
{
    private readonly IChatClient _chat;
    private readonly AgentRunner _runner;

    private UndoLoop(string root, ScriptedModelServer server, SqliteChitinStore store, IChatClient chat)
    {
        Root = root;
        Server = server;
        Store = store;
        _chat = chat;
        Workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
        Checkpoints = new WorkspaceCheckpoints(
            new CheckpointOptions { Root = Path.Combine(root, "home", "checkpoints"), DatabasePath = Path.Combine(root, "home", "chitin.db") },
            store);
        var sandbox = new BubblewrapSandbox();
        Assert.True(sandbox.IsAvailable, $"bubblewrap must run here: {sandbox.UnavailableReason}");
        var tools = BuiltInTools.CreateDefault(new BuiltInToolOptions { Sandbox = sandbox, SandboxMode = SandboxMode.Required });
        _runner = new AgentRunner(chat, new ToolRegistry(tools), store, store, new DefaultToolApprover(approveAll: true), new AgentRunnerOptions
        {
            ProviderName = "openai",
            ArtifactsRoot = Path.Combine(root, "home", "artifacts"),
            Checkpoints = Checkpoints,
        });
    }

    public string Root { get; }

    public string Workspace { get; }

    public ScriptedModelServer Server { get; }

    public SqliteChitinStore Store { get; }

    public WorkspaceCheckpoints Checkpoints { get; }

    public static async Task<UndoLoop> StartAsync(params ScriptStep[] steps)
    {
        var root = Directory.CreateTempSubdirectory("chitin-undo-").FullName;
        var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(steps));
        var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "home", "chitin.db"), CancellationToken.None);
        var chat = ChatClientFactory.Create(new ProviderSettings
        {
            Kind = ProviderKind.OpenAI,
            BaseUrl = server.BaseUrl + "/v1",
            ApiKey = "test-key-123",
            Model = "scripted-model",
        });
        return new UndoLoop(root, server, store, chat);
    }

    /// <summary>Runs one turn (a new session when <paramref name="sessionId"/> is null) and returns its result.</summary>
    public async Task<AgentRunResult> TurnAsync(string prompt, string? sessionId = null)
    {
        AgentRunResult? result = null;
        var errors = new List<string>();
        await foreach (var e in _runner.RunAsync(new AgentRunRequest
        {
            Prompt = prompt,
            SessionId = sessionId,
            Model = "scripted-model",
            Workspace = Workspace,
            Limits = new AgentLimits { MaxSteps = 10 },
        }))
        {
            if (e is ErrorOccurred error)
            {
                errors.Add(error.Message);
            }

            result = (e as RunCompleted)?.Result ?? result;
        }

        Assert.NotNull(result);
        Assert.True(result.Status == RunStatus.Done, $"{result.Status}: {result.Error}");
        Assert.Empty(errors);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        Checkpoints.Dispose();
        _chat.Dispose();
        await Store.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
