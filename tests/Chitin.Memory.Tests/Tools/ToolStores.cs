using System.Text.Json;
using Chitin.Core.Tools;
using Chitin.Memory.Storage;
using Chitin.Memory.Tests.Loop;
using Chitin.Memory.Tools;

namespace Chitin.Memory.Tests.Tools;

/// <summary>A real memory store in a temp folder and the three tools over it, invoked as the loop invokes them.</summary>
internal sealed class ToolStores : IAsyncDisposable
{
    private readonly TestFolder _folder;

    private ToolStores(TestFolder folder, SqliteMemoryStore memory)
    {
        _folder = folder;
        Memory = memory;
        Workspace = folder.Sub("workspace");
        var tools = MemoryTools.Create(memory);
        Save = tools[0];
        Search = tools[1];
        Forget = tools[2];
    }

    public SqliteMemoryStore Memory { get; }

    public string Workspace { get; }

    public ITool Save { get; }

    public ITool Search { get; }

    public ITool Forget { get; }

    public static async Task<ToolStores> OpenAsync()
    {
        var folder = new TestFolder();
        return new ToolStores(folder, await SqliteMemoryStore.OpenAsync(folder.DatabasePath, new MemoryStoreOptions(), CancellationToken.None));
    }

    public async Task<ToolResult> InvokeAsync(ITool tool, string argumentsJson, string agent = "default", string session = "sess_1")
    {
        using var arguments = JsonDocument.Parse(argumentsJson);
        var context = new ToolContext(Workspace, session, Path.Combine(_folder.Path, "artifacts")) { Agent = agent };
        return await tool.InvokeAsync(new ToolInvocation("call_1", tool.Name, arguments.RootElement.Clone(), context), CancellationToken.None);
    }

    public async Task<string> SaveAsync(string argumentsJson, string agent = "default", string session = "sess_1")
    {
        var result = await InvokeAsync(Save, argumentsJson, agent, session);
        Assert.False(result.IsError, result.Text);
        return result.Data!.Value.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Memory.DisposeAsync();
        _folder.Dispose();
    }
}
