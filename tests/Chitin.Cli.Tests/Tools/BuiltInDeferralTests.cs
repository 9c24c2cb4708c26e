using System.Text.Json;
using Chitin.Hosting;
using Chitin.Core.Tools;
using Chitin.Core.Tools.Deferral;
using Chitin.Memory.Storage;
using Chitin.Memory.Tools;
using Chitin.Skills.Tools;
using Chitin.Tools;

namespace Chitin.Cli.Tests.Tools;

/// <summary>The built-ins the host defers stay reachable: tool_search finds each from a need in plain words.</summary>
public sealed class BuiltInDeferralTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-defer-").FullName;
    private SqliteMemoryStore _memory = null!;

    public async Task InitializeAsync() =>
        _memory = await SqliteMemoryStore.OpenAsync(Path.Combine(_root, "memory.db"), new MemoryStoreOptions(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _memory.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("check what the background build I started is printing", "shell_output")]
    [InlineData("stop the background server job", "shell_stop")]
    [InlineData("download the page at https://example.org/docs", "web_fetch")]
    [InlineData("search the web for the latest release notes", "web_search")]
    [InlineData("keep a todo checklist of the steps", "todo")]
    [InlineData("remember that I prefer tabs over spaces", "memory_save")]
    [InlineData("forget the memory about my old address, it is no longer true", "memory_forget")]
    [InlineData("find a skill about writing release notes", "skill_search")]
    public async Task Each_deferred_built_in_is_found_in_the_top_3_for_a_plain_need(string need, string tool)
    {
        var registry = ToolDeferral.CreateRegistry([.. BuiltInTools.CreateDefault(), .. MemoryTools.Create(_memory), .. SkillTools.Create(_ => null!, new())], mcp: null);
        Assert.True(registry.Deferred.TryGet(tool, out _), $"{tool} should be deferred");
        Assert.Contains(registry.Tools, t => t.Name == "tool_search");

        var search = new ToolSearchTool(registry.Deferred);
        var arguments = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["query"] = need, ["limit"] = 3 });
        var result = await search.InvokeAsync(new ToolInvocation("c", "tool_search", arguments, new ToolContext(_root, "s", _root)), CancellationToken.None);

        Assert.Contains(tool, result.Text.Split('\n')[0][LoadedTools.ResultPrefix.Length..].Split(", "));
    }

    [Fact]
    public void The_everyday_tools_stay_loaded()
    {
        var registry = ToolDeferral.CreateRegistry([.. BuiltInTools.CreateDefault(), .. MemoryTools.Create(_memory), .. SkillTools.Create(_ => null!, new())], mcp: null);

        Assert.Equal(
            ["ask_user", "edit_file", "glob", "grep", "list_dir", "memory_search", "read_file", "run_shell", "skill", "tool_search", "write_file"],
            registry.Tools.Select(t => t.Name));
    }
}
