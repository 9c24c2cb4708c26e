using Chitin.Core.Context;
using Chitin.Memory.Digest;
using Chitin.Memory.Model;
using Chitin.Memory.Tests.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Digest;

public sealed class MemoryDigestLayerTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PromptLayerContext Context = new("main", "/work/project-a");

    [Fact]
    public async Task Nothing_stored_means_no_layer()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.SaveAsync(Draft("Scratch: trying approach B", MemoryScope.Session), Writer, None);
        var digest = new MemoryDigestLayer(store, TiktokenCounter.Instance);

        Assert.Equal(("memory", 30), (digest.Name, digest.Order));
        Assert.Null(await digest.GetTextAsync(Context, None));
    }

    [Fact]
    public async Task It_lists_pinned_items_first_then_shared_facts_of_this_user_project_and_agent_only()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await Save(store, Draft("The user's name is Ana"));
        await Save(store, Draft("Run the tests with make check", MemoryScope.Project, MemoryLayer.Procedural));
        await Save(store, Draft("This agent reviews pull requests tersely", MemoryScope.Agent));
        await Save(store, Draft("Another agent's secret plan", MemoryScope.Agent), Writer with { Agent = "other" });
        await Save(store, Draft("Facts of another project", MemoryScope.Project), Writer with { Workspace = "/work/project-b" });
        await Save(store, Draft("Session-only note", MemoryScope.Session));
        await Save(store, Draft("Working scratch", layer: MemoryLayer.Working));
        await Save(store, Draft("Yesterday we shipped v2", layer: MemoryLayer.Episodic));
        await Save(store, Draft("The user's editor is Vim"));
        await Save(store, Draft("The user's editor is Helix"));
        await Save(store, Draft("Expiring fact about the sprint") with { ExpiresAt = folder.Clock.Now.AddSeconds(30) });
        await Save(store, Draft("Always answer in British English") with { Pinned = true });
        folder.Clock.Advance(TimeSpan.FromMinutes(1));

        var text = await new MemoryDigestLayer(store, TiktokenCounter.Instance).GetTextAsync(Context, None);

        Assert.Equal(
            """
            ## What you remember about the user and this project
            Long-term memory: pinned items, then what relates to the first message, then the newest. memory_search finds more.
            - Always answer in British English
            - The user's editor is Helix
            - This agent reviews pull requests tersely
            - Run the tests with make check
            - The user's name is Ana
            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public async Task The_text_is_capped_deterministic_and_does_not_grow_with_the_store()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        for (var i = 0; i < 400; i++)
        {
            await Save(store, Draft($"Machine {i} is in rack {i % 17} at position {i * 13 % 101}"));
        }

        var digest = new MemoryDigestLayer(store, TiktokenCounter.Instance, new MemoryDigestOptions { MaxTokens = 200 });

        var first = await digest.GetTextAsync(Context, None);
        var second = await digest.GetTextAsync(Context, None);
        await store.DisposeAsync();
        var reopened = await folder.OpenAsync();
        var afterReopen = await new MemoryDigestLayer(reopened, TiktokenCounter.Instance, new MemoryDigestOptions { MaxTokens = 200 }).GetTextAsync(Context, None);
        var defaultCap = await new MemoryDigestLayer(reopened, TiktokenCounter.Instance).GetTextAsync(Context, None);

        Assert.NotNull(first);
        Assert.InRange(TiktokenCounter.Instance.CountTokens(first), 150, 200);
        Assert.Equal(first, second);
        Assert.Equal(first, afterReopen);
        Assert.InRange(TiktokenCounter.Instance.CountTokens(defaultCap!), 400, 500);
        Assert.Contains("- Machine 399 is in rack", first, StringComparison.Ordinal);
        Assert.DoesNotContain("mem_", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_items_are_clipped_to_one_line_and_a_budget_too_small_for_any_item_gives_no_layer()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await Save(store, Draft("The release checklist:\n  1. bump the version\n  2. tag\n" + string.Join(' ', Enumerable.Repeat("then verify the artefacts", 40))));

        var text = await new MemoryDigestLayer(store, TiktokenCounter.Instance).GetTextAsync(Context, None);
        var tiny = await new MemoryDigestLayer(store, TiktokenCounter.Instance, new MemoryDigestOptions { MaxTokens = 25 }).GetTextAsync(Context, None);

        var bullet = text!.Split('\n')[2];
        Assert.StartsWith("- The release checklist: 1. bump the version 2. tag then verify", bullet, StringComparison.Ordinal);
        Assert.EndsWith("…", bullet, StringComparison.Ordinal);
        Assert.True(bullet.Length <= MemoryDigestLayer.MaxItemChars + 3);
        Assert.Null(tiny);
    }

    private static Task<MemorySaveResult> Save(Chitin.Memory.Storage.SqliteMemoryStore store, MemoryDraft draft, MemoryViewer? writer = null) =>
        store.SaveAsync(draft, writer ?? Writer, None);
}
