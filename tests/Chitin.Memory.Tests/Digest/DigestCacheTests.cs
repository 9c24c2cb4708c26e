using Chitin.Core.Context;
using Chitin.Memory.Digest;
using Chitin.Memory.Model;
using Chitin.Memory.Tests.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Digest;

/// <summary>The digest keeps its candidate lists per viewer while the store is unchanged, and never serves a stale one.</summary>
public sealed class DigestCacheTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PromptLayerContext Context = new("main", "/work/project-a") { FirstMessage = "Which editor do I use?" };

    [Fact]
    public async Task An_unchanged_store_is_not_listed_again_for_the_next_session()
    {
        await using var folder = new MemoryStoreFolder();
        var store = new ForwardingMemoryStore(await folder.OpenAsync());
        await store.SaveAsync(Draft("The user's editor is Helix"), Writer, None);
        var digest = Layer(store, folder);

        var first = await digest.GetTextAsync(Context, None);
        var listsAfterFirst = store.Lists;
        var second = await digest.GetTextAsync(Context with { FirstMessage = "Something else entirely" }, None);

        Assert.Contains("- The user's editor is Helix", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(2, listsAfterFirst);
        Assert.Equal(2, store.Lists);
        Assert.Equal(2, store.Searches);
    }

    [Fact]
    public async Task A_save_forget_or_pin_after_a_digest_is_in_the_next_one()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var digest = Layer(store, folder);
        Assert.Null(await digest.GetTextAsync(Context, None));

        var saved = await store.SaveAsync(Draft("The user's editor is Helix"), Writer, None);
        var afterSave = await digest.GetTextAsync(Context, None);
        await store.SaveAsync(Draft("Deploys happen on Fridays", layer: MemoryLayer.Episodic), Writer, None);
        var episodic = (await store.ListAsync(new MemoryListQuery { Layers = [MemoryLayer.Episodic] }, None)).Single();
        await store.SetPinnedAsync(episodic.Id, true, None);
        var afterPin = await digest.GetTextAsync(Context, None);
        await store.ForgetAsync(saved.Item.Id, "wrong", None);
        var afterForget = await digest.GetTextAsync(Context, None);

        Assert.Contains("- The user's editor is Helix", afterSave, StringComparison.Ordinal);
        Assert.Contains("- Deploys happen on Fridays", afterPin, StringComparison.Ordinal);
        Assert.DoesNotContain("Helix", afterForget, StringComparison.Ordinal);
        Assert.Contains("- Deploys happen on Fridays", afterForget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_by_another_connection_to_the_file_is_seen()
    {
        await using var folder = new MemoryStoreFolder();
        var gateway = await folder.OpenAsync();
        var cli = await folder.OpenAsync();
        var digest = Layer(gateway, folder);
        Assert.Null(await digest.GetTextAsync(Context, None));

        await cli.SaveAsync(Draft("The user's editor is Helix"), Writer, None);

        Assert.Contains("- The user's editor is Helix", await digest.GetTextAsync(Context, None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kept_item_that_expires_leaves_the_digest()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.SaveAsync(Draft("The user's editor is Helix"), Writer, None);
        await store.SaveAsync(Draft("The sprint ends on Friday") with { ExpiresAt = folder.Clock.Now.AddSeconds(30) }, Writer, None);
        var digest = Layer(store, folder);

        var before = await digest.GetTextAsync(Context, None);
        folder.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await digest.GetTextAsync(Context, None);

        Assert.Contains("- The sprint ends on Friday", before, StringComparison.Ordinal);
        Assert.DoesNotContain("sprint", after, StringComparison.Ordinal);
        Assert.Contains("- The user's editor is Helix", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_facts_or_procedures_no_search_runs_and_each_viewer_has_its_own_lists()
    {
        await using var folder = new MemoryStoreFolder();
        var store = new ForwardingMemoryStore(await folder.OpenAsync());
        await store.SaveAsync(Draft("Shipped v2 yesterday", layer: MemoryLayer.Episodic) with { Pinned = true }, Writer, None);
        await store.SaveAsync(Draft("Reviewer notes for this agent only", MemoryScope.Agent), Writer with { Agent = "reviewer" }, None);
        var digest = Layer(store, folder);

        var main = await digest.GetTextAsync(Context, None);
        var reviewer = await digest.GetTextAsync(Context with { Agent = "reviewer" }, None);

        Assert.Contains("- Shipped v2 yesterday", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Reviewer notes", main, StringComparison.Ordinal);
        Assert.Contains("- Reviewer notes for this agent only", reviewer, StringComparison.Ordinal);
        Assert.Equal(1, store.Searches);
        Assert.Equal(4, store.Lists);
    }

    private static MemoryDigestLayer Layer(IMemoryStore store, MemoryStoreFolder folder) =>
        new(store, TiktokenCounter.Instance, new MemoryDigestOptions { Time = folder.Clock });
}
