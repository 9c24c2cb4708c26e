using System.Collections.Concurrent;
using Chitin.Agents.Budget;
using Chitin.Agents.Orchestration;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Events;
using Chitin.Core.Metering;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Agents.Tests.Support;

/// <summary>
/// An orchestrator and its runtime wired as a host would: a real SQLite store, the scripted model server over HTTP
/// serving the orchestrator and every child, budget slices on the provider client, children run in this process.
/// </summary>
public sealed class AgentRig : IAsyncDisposable
{
    private readonly IChatClient _client;

    private AgentRig(string root, ScriptedModelServer server, SqliteChitinStore store, IChatClient client, AgentRuntime runtime, AgentRunner orchestrator)
    {
        Root = root;
        Server = server;
        Store = store;
        _client = client;
        Runtime = runtime;
        Orchestrator = orchestrator;
        runtime.Observed += e => TreeEvents.Enqueue(e);
    }

    public string Root { get; }

    public string Workspace => Path.Combine(Root, "workspace");

    public ScriptedModelServer Server { get; }

    public SqliteChitinStore Store { get; }

    public AgentRuntime Runtime { get; }

    public AgentRunner Orchestrator { get; }

    public ConcurrentQueue<AgentEvent> TreeEvents { get; } = new();

    public string Model => Server.Models[0];

    public static async Task<AgentRig> StartAsync(Func<ScriptRequest, ScriptStep> responder, AgentsSettings? settings = null, IReadOnlyList<ITool>? tools = null)
    {
        settings ??= AgentsSettings.Default;
        var root = Directory.CreateTempSubdirectory("chitin-agents-test-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "workspace"));
        var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(responder));
        var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), CancellationToken.None);
        var provider = ChatClientFactory.Create(new ProviderSettings { BaseUrl = server.BaseUrl + "/v1", Model = server.Models[0], MaxRetries = 0 });
        var budgets = new AgentBudgets(settings.BudgetUsd, TimeProvider.System);
        var client = new TreeBudgetChatClient(provider, budgets, PriceTable.Defaults, TiktokenCounter.Instance);
        var options = new AgentRunnerOptions { ArtifactsRoot = Path.Combine(root, "artifacts"), Context = new ContextOptions { AutoCompact = false } };
        var approver = new DefaultToolApprover(approveAll: true);
        var hostTools = new ToolRegistry(tools ?? []);
        var runners = new ChildRunners(_ => client, _ => options, hostTools, approver, store, store, server.Models[0], new AgentLimits());
        var runtime = new AgentRuntime(settings, runners, budgets, TiktokenCounter.Instance);
        var orchestrator = new AgentRunner(client, new ToolRegistry([.. hostTools.Tools, .. runtime.AgentTools]), store, store, approver, options);
        return new AgentRig(root, server, store, client, runtime, orchestrator);
    }

    public Task<AgentRunResult> RunAsync(string prompt, CancellationToken ct = default) =>
        Orchestrator.RunToCompletionAsync(new AgentRunRequest { Prompt = prompt, Model = Model, Workspace = Workspace }, ct);

    /// <summary>As a host runs the orchestrator: its context is rebuilt at every stage boundary.</summary>
    public Task<AgentRunResult> RunInStagesAsync(string prompt, CancellationToken ct = default) =>
        Orchestrator.RunToCompletionAsync(new AgentRunRequest { Prompt = prompt, Model = Model, Workspace = Workspace, ContextRebuild = Runtime.Stages }, ct);

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        _client.Dispose();
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
