using System.Collections.Concurrent;
using Chitin.Core.Agents;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Skills.Distill;
using Chitin.Skills.Library;
using Chitin.Skills.Tests.Library;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Tools;
using Microsoft.Extensions.AI;

namespace Chitin.Skills.Tests.Distill;

/// <summary>
/// The real stack for distillation: the scripted model server over loopback HTTP (the only stand-in), the OpenAI
/// provider client, the agent loop with the built-in tools in a temp workspace, SQLite, and a private skills home.
/// The server plays the agent script for ordinary requests and the queued answers for distillation requests.
/// </summary>
public sealed class DistillRig : IAsyncDisposable
{
    public const string Model = "scripted-model";

    private readonly ConcurrentQueue<string> _distillAnswers = new();
    private Func<ScriptRequest, ScriptStep> _agent = _ => ScriptStep.Text("nothing scripted");

    private DistillRig(TempHome home, ScriptedModelServer server, SqliteChitinStore store, IChatClient chat)
    {
        Home = home;
        Server = server;
        Store = store;
        Chat = chat;
        Workspace = Directory.CreateDirectory(Path.Combine(home.Root, "ws")).FullName;
        Library = new SkillLibrary(TestVetter.Create(), home.Options);
    }

    public TempHome Home { get; }

    public ScriptedModelServer Server { get; }

    public SqliteChitinStore Store { get; }

    public IChatClient Chat { get; }

    public string Workspace { get; }

    public SkillLibrary Library { get; }

    /// <summary>Requests the server received for distillation, in order.</summary>
    public IReadOnlyList<RecordedRequest> DistillRequests =>
        Server.Requests.Where(r => r.Parsed?.SystemPrompt?.StartsWith("You distill a reusable skill", StringComparison.Ordinal) == true).ToList();

    public static async Task<DistillRig> StartAsync()
    {
        var home = new TempHome();
        DistillRig? rig = null;
        var script = ModelScript.FromResponder(request => rig!.Answer(request));
        var server = await ScriptedModelServer.StartAsync(script);
        var store = await SqliteChitinStore.OpenAsync(Path.Combine(home.Root, "chitin.db"), CancellationToken.None);
        var chat = ChatClientFactory.Create(new ProviderSettings
        {
            Kind = ProviderKind.OpenAI,
            BaseUrl = server.BaseUrl + "/v1",
            ApiKey = "test-key-123",
            Model = Model,
            MaxRetries = 0,
        });
        rig = new DistillRig(home, server, store, chat);
        return rig;
    }

    public void QueueDistillAnswer(string answer) => _distillAnswers.Enqueue(answer);

    /// <summary>Runs one task through the real agent loop with <paramref name="agent"/> as the model's script.</summary>
    public async Task<AgentRunResult> RunAsync(string prompt, Func<ScriptRequest, ScriptStep> agent)
    {
        _agent = agent;
        var runner = new AgentRunner(
            Chat,
            new ToolRegistry(BuiltInTools.CreateDefault()),
            Store,
            Store,
            new DefaultToolApprover(approveAll: true),
            new AgentRunnerOptions { ProviderName = "openai", ArtifactsRoot = Path.Combine(Home.Root, "artifacts") });
        return await runner.RunToCompletionAsync(new AgentRunRequest { Prompt = prompt, Model = Model, Workspace = Workspace, Limits = new AgentLimits { MaxSteps = 20 } });
    }

    public SkillDistiller Distiller(SkillDistillOptions? options = null) =>
        new(Chat, Store, Store, TestVetter.Create(), Library, options ?? new SkillDistillOptions { Model = Model, ProviderName = "openai" });

    public async ValueTask DisposeAsync()
    {
        Chat.Dispose();
        await Store.DisposeAsync();
        await Server.DisposeAsync();
        Home.Dispose();
    }

    private ScriptStep Answer(ScriptRequest request)
    {
        if (request.SystemPrompt?.StartsWith("You distill a reusable skill", StringComparison.Ordinal) == true)
        {
            return _distillAnswers.TryDequeue(out var answer) ? ScriptStep.Text(answer) : ScriptStep.Error(500, "no distillation answer queued");
        }

        return _agent(request);
    }
}
