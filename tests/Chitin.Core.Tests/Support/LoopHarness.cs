using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Storage.Sqlite;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tests.Support;

/// <summary>A real SQLite store in a temp folder, a workspace, and a runner over a given model stand-in.</summary>
public sealed class LoopHarness : IAsyncDisposable
{
    private LoopHarness(string root, SqliteChitinStore store)
    {
        Root = root;
        Store = store;
        Workspace = Directory.CreateDirectory(Path.Combine(root, "ws")).FullName;
    }

    public string Root { get; }

    public string Workspace { get; }

    public SqliteChitinStore Store { get; }

    public static async Task<LoopHarness> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("chitin-core-").FullName;
        var store = await SqliteChitinStore.OpenAsync(Path.Combine(root, "chitin.db"), CancellationToken.None);
        return new LoopHarness(root, store);
    }

    public AgentRunner Runner(IChatClient chat, IEnumerable<ITool> tools, IToolApprover? approver = null) =>
        new(chat, new ToolRegistry(tools), Store, Store, approver ?? new DefaultToolApprover(approveAll: true), new AgentRunnerOptions
        {
            ProviderName = "test",
            ArtifactsRoot = Path.Combine(Root, "artifacts"),
        });

    public AgentRunRequest Request(string prompt, string? sessionId = null, AgentLimits? limits = null) => new()
    {
        Prompt = prompt,
        SessionId = sessionId,
        Model = "scripted-model",
        Workspace = Workspace,
        Limits = limits ?? new AgentLimits(),
    };

    public static async Task<List<AgentEvent>> CollectAsync(IAsyncEnumerable<AgentEvent> events)
    {
        var list = new List<AgentEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
