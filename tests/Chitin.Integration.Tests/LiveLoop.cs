using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Providers.Chat;
using Chitin.Providers.Configuration;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Tools;
using Microsoft.Extensions.AI;

namespace Chitin.Integration.Tests;

/// <summary>
/// The whole stack over real loopback HTTP: scripted model server → provider SDK → agent loop → real tools →
/// SQLite. Only the model is scripted.
/// </summary>
public sealed class LiveLoop : IAsyncDisposable
{
    private LiveLoop(string root, ScriptedModelServer server, SqliteChitinStore store, IChatClient chat, WireFormat format)
    {
        Root = root;
        Server = server;
        Store = store;
        Chat = chat;
        Format = format;
        Workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
    }

    public string Root { get; }

    public string Workspace { get; }

    public ScriptedModelServer Server { get; }

    public SqliteChitinStore Store { get; }

    public IChatClient Chat { get; }

    public WireFormat Format { get; }

    public static async Task<LiveLoop> StartAsync(WireFormat format, ModelScript script)
    {
        var root = Directory.CreateTempSubdirectory("chitin-int-").FullName;
        var server = await ScriptedModelServer.StartAsync(script);
        var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), CancellationToken.None);
        var settings = new ProviderSettings
        {
            Kind = format == WireFormat.Anthropic ? ProviderKind.Anthropic : ProviderKind.OpenAI,
            BaseUrl = format == WireFormat.Anthropic ? server.BaseUrl : server.BaseUrl + "/v1",
            ApiKey = "test-key-123",
            Model = "scripted-model",
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
        };
        return new LiveLoop(root, server, store, ChatClientFactory.Create(settings), format);
    }

    public AgentRunner Runner(IToolApprover? approver = null) =>
        new(Chat, new ToolRegistry(BuiltInTools.CreateDefault()), Store, Store, approver ?? new DefaultToolApprover(approveAll: true), new AgentRunnerOptions
        {
            ProviderName = Format.ToString(),
            ArtifactsRoot = Path.Combine(Root, "artifacts"),
        });

    public AgentRunRequest Request(string prompt, string? sessionId = null) => new()
    {
        Prompt = prompt,
        SessionId = sessionId,
        Model = "scripted-model",
        Workspace = Workspace,
        Limits = new AgentLimits { MaxSteps = 20 },
    };

    public async Task<List<AgentEvent>> RunAsync(AgentRunRequest request, CancellationToken ct = default)
    {
        var list = new List<AgentEvent>();
        await foreach (var e in Runner().RunAsync(request, ct))
        {
            list.Add(e);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
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
