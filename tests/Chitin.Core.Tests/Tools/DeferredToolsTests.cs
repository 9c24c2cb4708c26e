using System.Text.Json;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Core.Tools.Deferral;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tests.Tools;

public sealed class DeferredToolsTests
{
    private static readonly ITool[] Devhub =
    [
        new DescribedTool("mcp__dev__create_issue", "Create a new issue (bug report or task) in a repository.", "title", "body"),
        new DescribedTool("mcp__dev__reopen_issue", "Reopen an issue that was closed.", "issue_number"),
        new DescribedTool("mcp__dev__merge_pull_request", "Merge a pull request into its base branch.", "pull_number", "merge_method"),
        new DescribedTool("mcp__dev__list_branches", "List the branches of a repository.", "page"),
        new DescribedTool("mcp__dev__start_instance", "Start a stopped virtual machine.", "instance_id", "zone"),
    ];

    private static DeferredTools Deferred() => new([new DeferredToolGroup("mcp__dev__*", Devhub)]);

    private static readonly ITool Local = new DescribedTool("read_file", "Read a file.", "path");

    [Fact]
    public async Task The_index_ranks_by_name_description_and_parameters_with_plural_and_verb_forms_meeting()
    {
        var index = await ToolSearchIndex.BuildAsync(Devhub, embedder: null, CancellationToken.None);

        Assert.Equal("mcp__dev__reopen_issue", (await index.SearchAsync("reopening closed issues", 3, CancellationToken.None))[0].Tool.Name);
        Assert.Equal("mcp__dev__merge_pull_request", (await index.SearchAsync("which merge_method", 3, CancellationToken.None))[0].Tool.Name);
        Assert.Equal("mcp__dev__start_instance", (await index.SearchAsync("mcp__dev__start_instance", 1, CancellationToken.None)).Single().Tool.Name);
        Assert.Empty(await index.SearchAsync("translate a poem", 3, CancellationToken.None));
        Assert.Equal(2, (await index.SearchAsync("issue", 2, CancellationToken.None)).Count);
    }

    [Fact]
    public void Active_tools_append_loaded_tools_after_the_always_loaded_ones_in_load_order()
    {
        var registry = new ToolRegistry([Local], Deferred());
        var active = new ActiveTools(registry);
        var before = active.Declarations.ToList();

        Assert.True(active.Load(["mcp__dev__start_instance", "mcp__dev__create_issue", "not_a_tool"]));
        Assert.False(active.Load(["mcp__dev__create_issue"]));

        Assert.Equal(["read_file", "tool_search"], registry.Tools.Select(t => t.Name));
        Assert.Equal(["read_file", "tool_search", "mcp__dev__start_instance", "mcp__dev__create_issue"], active.Declarations.Select(d => d.Name));
        Assert.Same(before[0], active.Declarations[0]);
        Assert.Same(registry.Deferred.Declaration("mcp__dev__start_instance"), active.Declarations[2]);
    }

    [Fact]
    public void A_deferred_tool_that_is_not_loaded_resolves_to_an_error_naming_tool_search()
    {
        var active = new ActiveTools(new ToolRegistry([Local], Deferred()));

        Assert.Null(active.Resolve("mcp__dev__reopen_issue", out var deferred));
        Assert.Contains("deferred and not loaded. Call tool_search", deferred, StringComparison.Ordinal);
        Assert.Null(active.Resolve("nope", out var unknown));
        Assert.Contains("find them with tool_search", unknown, StringComparison.Ordinal);

        active.Load(["mcp__dev__reopen_issue"]);
        Assert.Equal("mcp__dev__reopen_issue", active.Resolve("mcp__dev__reopen_issue", out var none)!.Name);
        Assert.Null(none);
    }

    [Fact]
    public void A_tool_cannot_be_both_always_loaded_and_deferred()
    {
        var error = Assert.Throws<ArgumentException>(() => new ToolRegistry([Devhub[0]], Deferred()));
        Assert.Contains("both always-loaded and deferred", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loaded_set_is_read_from_tool_search_results_and_compaction_unloads_tools_never_called()
    {
        List<SessionMessage> transcript =
        [
            Search(1, "mcp__dev__create_issue, mcp__dev__reopen_issue"),
            Call(2, "mcp__dev__reopen_issue"),
            new() { Role = MessageRole.Tool, ToolName = "tool_search", IsError = true, Text = LoadedTools.ResultPrefix + "mcp__dev__list_branches", Sequence = 3 },
            Search(4, "mcp__dev__start_instance"),
        ];

        Assert.Equal(["mcp__dev__create_issue", "mcp__dev__reopen_issue", "mcp__dev__start_instance"], LoadedTools.From(transcript, marker: null));

        var marker = new SessionMessage { Role = MessageRole.Assistant, Kind = MessageKind.Compaction, CompactsThrough = 3, Sequence = 5 };
        Assert.Equal(["mcp__dev__reopen_issue", "mcp__dev__start_instance"], LoadedTools.From([.. transcript, marker], marker));
    }

    [Fact]
    public async Task Tool_search_rejects_a_missing_query_and_a_bad_limit_with_actionable_errors()
    {
        var search = new ToolSearchTool(Deferred());

        var missing = await Invoke(search, """{"limit":2}""");
        var badLimit = await Invoke(search, """{"query":"issue","limit":50}""");
        var found = await Invoke(search, """{"query":"reopen an issue","limit":1}""");

        Assert.True(missing.IsError);
        Assert.Contains("needs \"query\"", missing.Text, StringComparison.Ordinal);
        Assert.True(badLimit.IsError);
        Assert.Contains("from 1 to 10", badLimit.Text, StringComparison.Ordinal);
        Assert.StartsWith(LoadedTools.ResultPrefix + "mcp__dev__reopen_issue\n", found.Text, StringComparison.Ordinal);
        Assert.Contains("\"issue_number\"", found.Text, StringComparison.Ordinal);
        Assert.Equal(["mcp__dev__reopen_issue"], LoadedTools.Parse(new SessionMessage { Role = MessageRole.Tool, ToolName = "tool_search", Text = found.Text }));
    }

    [Fact]
    public void The_prompt_layer_has_one_line_per_source_and_is_deterministic()
    {
        var deferred = new DeferredTools([new DeferredToolGroup("mcp__dev__*", Devhub), new DeferredToolGroup("built-in", [Local]) { Summary = "reading files" }]);

        var text = DeferredToolsLayer.Text(deferred);

        Assert.Equal(
            """
            Deferred tools, not loaded: call tool_search with your need to load them.
            - built-in (1): reading files
            - mcp__dev__* (5): create_issue, list_branches, merge_pull_request, reopen_issue, start_instance
            """.ReplaceLineEndings("\n"),
            text);
        Assert.Null(DeferredToolsLayer.Text(DeferredTools.None));
    }

    private static SessionMessage Search(long sequence, string names) =>
        new() { Role = MessageRole.Tool, ToolName = "tool_search", Text = LoadedTools.ResultPrefix + names + "\nCallable by name from your next step.", Sequence = sequence };

    private static SessionMessage Call(long sequence, string name) =>
        new() { Role = MessageRole.Assistant, ToolCalls = [new ToolCallRecord("c" + sequence, name, "{}")], Sequence = sequence };

    private static ValueTask<ToolResult> Invoke(ITool tool, string json) =>
        tool.InvokeAsync(new ToolInvocation("c", tool.Name, JsonDocument.Parse(json).RootElement, new ToolContext("/tmp", "s", "/tmp")), CancellationToken.None);
}
