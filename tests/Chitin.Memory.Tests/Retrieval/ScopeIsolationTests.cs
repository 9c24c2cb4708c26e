using Chitin.Memory.Model;
using Chitin.Memory.Tests.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Retrieval;

public sealed class ScopeIsolationTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly MemoryViewer AgentA = new("alpha", "/work/shop", "ses_a");
    private static readonly MemoryViewer AgentB = new("beta", "/work/shop", "ses_b");

    public static TheoryData<RetrievalMode> Modes => new() { RetrievalMode.Hybrid, RetrievalMode.Lexical, RetrievalMode.Vector };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_agent_never_sees_another_agents_private_items_in_any_mode(RetrievalMode mode)
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var secretB = await store.SaveAsync(Draft("The launch codename is Bluebird", MemoryScope.Agent), AgentB, None);
        var secretA = await store.SaveAsync(Draft("The launch codename is Redwing", MemoryScope.Agent), AgentA, None);
        var shared = await store.SaveAsync(Draft("The launch date is in May"), AgentA, None);

        var seenByA = await store.SearchAsync(new MemorySearchQuery { Text = "launch codename Bluebird", Viewer = AgentA, Mode = mode, Limit = 50 }, None);
        var seenByB = await store.SearchAsync(new MemorySearchQuery { Text = "launch codename Redwing", Viewer = AgentB, Mode = mode, Limit = 50 }, None);
        var aAskingForAgentScope = await store.SearchAsync(new MemorySearchQuery { Text = "Bluebird", Viewer = AgentA, Mode = mode, Scopes = [MemoryScope.Agent], IncludeHistory = true }, None);

        Assert.DoesNotContain(secretB.Item.Id, seenByA.Select(h => h.Item.Id));
        Assert.Contains(secretA.Item.Id, seenByA.Select(h => h.Item.Id));
        Assert.DoesNotContain(secretA.Item.Id, seenByB.Select(h => h.Item.Id));
        Assert.Contains(secretB.Item.Id, seenByB.Select(h => h.Item.Id));
        Assert.Contains(shared.Item.Id, seenByB.Select(h => h.Item.Id));
        Assert.All(aAskingForAgentScope, h => Assert.Equal("alpha", h.Item.ScopeKey));
    }

    [Fact]
    public async Task Listing_for_a_viewer_applies_the_same_visibility()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.SaveAsync(Draft("Beta's private preference is terse answers", MemoryScope.Agent), AgentB, None);
        await store.SaveAsync(Draft("Alpha's private preference is long answers", MemoryScope.Agent), AgentA, None);

        var listedForA = await store.ListAsync(new MemoryListQuery { Viewer = AgentA, IncludeHistory = true }, None);

        Assert.Equal(["alpha"], listedForA.Select(i => i.ScopeKey));
        Assert.Equal(2, (await store.ListAsync(new MemoryListQuery(), None)).Count);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Project_items_belong_to_their_workspace_and_session_and_working_items_to_their_session(RetrievalMode mode)
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var shopProject = await store.SaveAsync(Draft("Pipeline deploys with kubectl apply", MemoryScope.Project), AgentA, None);
        var otherProject = await store.SaveAsync(Draft("Pipeline deploys with rsync", MemoryScope.Project), AgentA with { Workspace = "/work/blog" }, None);
        var sessionItem = await store.SaveAsync(Draft("Pipeline deploys paused during this session", MemoryScope.Session), AgentA, None);
        var scratch = await store.SaveAsync(Draft("Pipeline deploys scratch note", MemoryScope.User, MemoryLayer.Working), AgentA, None);

        var sameSession = Ids(await store.SearchAsync(new MemorySearchQuery { Text = "pipeline deploys", Viewer = AgentA, Mode = mode, Limit = 20 }, None));
        var laterSession = Ids(await store.SearchAsync(new MemorySearchQuery { Text = "pipeline deploys", Viewer = AgentA with { SessionId = "ses_later" }, Mode = mode, Limit = 20 }, None));
        var trailingSlash = Ids(await store.SearchAsync(new MemorySearchQuery { Text = "pipeline deploys", Viewer = AgentA with { Workspace = "/work/shop/" }, Mode = mode, Limit = 20 }, None));

        Assert.Equal(new[] { shopProject, sessionItem, scratch }.Select(r => r.Item.Id).Order(), sameSession.Order());
        Assert.Equal([shopProject.Item.Id], laterSession);
        Assert.Contains(shopProject.Item.Id, trailingSlash);
        Assert.DoesNotContain(otherProject.Item.Id, sameSession.Concat(laterSession));
    }

    private static List<string> Ids(IReadOnlyList<MemoryHit> hits) => hits.Select(h => h.Item.Id).ToList();
}
