using System.Collections.Concurrent;
using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Skills.Discovery;
using Chitin.Skills.Index;
using Chitin.Skills.Permissions;
using Chitin.Skills.Tests.Discovery;
using Chitin.Skills.Tools;
using Chitin.Skills.Vetting;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Tools;
using Microsoft.Extensions.AI;

namespace Chitin.Skills.Tests.Loop;

/// <summary>
/// The real stack with skills wired in as the CLI wires them: scripted model server over loopback HTTP → provider
/// SDK → agent loop with the skills index layer, the skill tools and the skill-scoped approver → real tools → SQLite.
/// Only the model is scripted.
/// </summary>
public sealed class SkillLoop : IAsyncDisposable
{
    private readonly ISkillVetter _vetter = SkillContent.Vetter();
    private readonly List<IReadOnlyList<ITool>> _toolSets = [];

    private SkillLoop(string root, ScriptedModelServer server, SqliteChitinStore store, IChatClient chat)
    {
        Root = root;
        Server = server;
        Store = store;
        Chat = chat;
        Workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
        UserSkills = Path.Combine(root, "home", "skills");
    }

    public string Root { get; }

    public string Workspace { get; }

    public string UserSkills { get; }

    public string ProjectSkills => Path.Combine(Workspace, ".chitin", "skills");

    public ScriptedModelServer Server { get; }

    public SqliteChitinStore Store { get; }

    public IChatClient Chat { get; }

    public SkillSessionState State { get; } = new();

    public ConcurrentQueue<SkillLoad> Loads { get; } = new();

    public static async Task<SkillLoop> StartAsync(ModelScript script, WireFormat format = WireFormat.OpenAI)
    {
        var root = Directory.CreateTempSubdirectory("chitin-skills-loop-").FullName;
        var server = await ScriptedModelServer.StartAsync(script);
        var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), CancellationToken.None);
        var chat = ChatClientFactory.Create(new ProviderSettings
        {
            Kind = format == WireFormat.Anthropic ? ProviderKind.Anthropic : ProviderKind.OpenAI,
            BaseUrl = format == WireFormat.Anthropic ? server.BaseUrl : server.BaseUrl + "/v1",
            ApiKey = "test-key-123",
            Model = "scripted-model",
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
        });
        return new SkillLoop(root, server, store, chat);
    }

    public SkillCatalog Catalog(string workspace) =>
        SkillCatalog.Discover(new SkillLocations(workspace, UserSkills, null), new SkillCatalogOptions { Vetter = _vetter });

    /// <param name="policy">The approver the skill-scoped approver decorates (the permission engine in the CLI).</param>
    public AgentRunner Runner(IToolApprover policy)
    {
        var builtIn = BuiltInTools.CreateDefault();
        _toolSets.Add(builtIn);
        var skillTools = SkillTools.Create(context => Catalog(context.Workspace), State, Loads.Enqueue);
        var approver = new SkillScopedApprover(policy, State, context => Catalog(context.Workspace));
        return new AgentRunner(Chat, new ToolRegistry([.. builtIn, .. skillTools]), Store, Store, approver, new AgentRunnerOptions
        {
            ProviderName = "scripted",
            ArtifactsRoot = Path.Combine(Root, "artifacts"),
            PromptLayers = [new SkillIndexLayer(context => Catalog(context.Workspace), TiktokenCounter.Instance)],
        });
    }

    public AgentRunRequest Request(string prompt, string? sessionId = null) => new()
    {
        Prompt = prompt,
        SessionId = sessionId,
        Model = "scripted-model",
        Workspace = Workspace,
        Limits = new AgentLimits { MaxSteps = 20 },
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var tool in _toolSets.SelectMany(t => t).OfType<IDisposable>())
        {
            tool.Dispose();
        }

        Chat.Dispose();
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
