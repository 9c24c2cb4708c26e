using Chitin.Memory.Model;
using Chitin.Memory.Tests.Storage;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Retrieval;

public sealed class RetrievalModeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string[] Facts =
    [
        "The user's favourite database is PostgreSQL",
        "The user walks the dog every morning",
        "Releases are tagged with semantic versions",
        "The staging server runs on a Raspberry Pi",
        "Coffee is brewed with an AeroPress",
        "Invoices are sent on the first Monday of the month",
    ];

    [Fact]
    public async Task Lexical_mode_ranks_by_bm25_finds_shared_words_and_the_last_word_as_a_prefix()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await SeededAsync(folder);

        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "invoices month", Viewer = Writer, Mode = RetrievalMode.Lexical }, None);
        var prefix = await store.SearchAsync(new MemorySearchQuery { Text = "postgres", Viewer = Writer, Mode = RetrievalMode.Lexical }, None);
        var innerPiece = await store.SearchAsync(new MemorySearchQuery { Text = "gresql", Viewer = Writer, Mode = RetrievalMode.Lexical }, None);

        Assert.Equal("Invoices are sent on the first Monday of the month", Assert.Single(hits).Item.Text);
        Assert.Equal("The user's favourite database is PostgreSQL", Assert.Single(prefix).Item.Text);
        Assert.Empty(innerPiece);
    }

    [Fact]
    public async Task Vector_mode_ranks_by_cosine_and_matches_word_pieces()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await SeededAsync(folder);

        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "postgres", Viewer = Writer, Mode = RetrievalMode.Vector }, None);

        Assert.Equal("The user's favourite database is PostgreSQL", hits[0].Item.Text);
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
        Assert.All(hits, h => Assert.InRange(h.Score, 0.0, 1.0001));
    }

    [Fact]
    public async Task Hybrid_mode_puts_an_item_both_retrievers_agree_on_first_and_still_finds_either_ones_hits()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await SeededAsync(folder);

        var both = await store.SearchAsync(new MemorySearchQuery { Text = "raspberry pi staging server", Viewer = Writer }, None);
        var vectorOnly = await store.SearchAsync(new MemorySearchQuery { Text = "postgres", Viewer = Writer }, None);
        var limited = await store.SearchAsync(new MemorySearchQuery { Text = "the user", Viewer = Writer, Limit = 2 }, None);

        Assert.Equal("The staging server runs on a Raspberry Pi", both[0].Item.Text);
        Assert.Equal("The user's favourite database is PostgreSQL", vectorOnly[0].Item.Text);
        Assert.Equal(2, limited.Count);
    }

    [Fact]
    public async Task Hybrid_mode_prefers_the_nearer_scope_between_equal_matches()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        // The agent item is older, so every tie-break by age favours the user item: only the scope weight can put it first.
        var agent = await store.SaveAsync(Draft("Lint with ruff before commits", MemoryScope.Agent), Writer, None);
        var user = await store.SaveAsync(Draft("Lint with ruff before commits"), Writer, None);

        var hits = await store.SearchAsync(new MemorySearchQuery { Text = "lint ruff", Viewer = Writer }, None);

        Assert.Equal([agent.Item.Id, user.Item.Id], hits.Select(h => h.Item.Id));
    }

    [Fact]
    public async Task Scope_and_layer_filters_restrict_results()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        await store.SaveAsync(Draft("Deploys happen on Tuesdays"), Writer, None);
        var procedure = await store.SaveAsync(Draft("Deploys happen via the release script", MemoryScope.Project, MemoryLayer.Procedural), Writer, None);

        var byLayer = await store.SearchAsync(new MemorySearchQuery { Text = "deploys", Viewer = Writer, Layers = [MemoryLayer.Procedural] }, None);
        var byScope = await store.SearchAsync(new MemorySearchQuery { Text = "deploys", Viewer = Writer, Scopes = [MemoryScope.Project] }, None);
        var none = await store.SearchAsync(new MemorySearchQuery { Text = "deploys", Viewer = Writer, Scopes = [] }, None);

        Assert.Equal(procedure.Item.Id, Assert.Single(byLayer).Item.Id);
        Assert.Equal(procedure.Item.Id, Assert.Single(byScope).Item.Id);
        Assert.Empty(none);
    }

    public static TheoryData<string> HostileQueries => new()
    {
        "\"unbalanced quote",
        "editor\" OR \"x",
        "post*",
        "*",
        "NEAR(user editor, 2)",
        "user NEAR editor",
        "(user OR",
        ")))(((",
        "AND OR NOT",
        "text: user",
        "subject:editor",
        "^user",
        "-editor +vim",
        "'; DROP TABLE memory_items; --",
        "東京の天気",
        "Ünïcödé façade naïve",
        "emoji 🚀 rocket 👩‍💻",
        "\u0000\u0001 control",
        "   ",
        "",
        "{curly} [square] <angle> \\back\\slash",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk ll mm nn",
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Fts_syntax_and_odd_text_in_queries_never_throw(string query)
    {
        await using var folder = new MemoryStoreFolder();
        var store = await SeededAsync(folder);
        await store.SaveAsync(Draft("東京の天気 is checked every morning"), Writer, None);

        foreach (var mode in new[] { RetrievalMode.Hybrid, RetrievalMode.Lexical, RetrievalMode.Vector })
        {
            var hits = await store.SearchAsync(new MemorySearchQuery { Text = query, Viewer = Writer, Mode = mode }, None);
            Assert.NotNull(hits);
        }

        Assert.Equal(Facts.Length + 1, (await store.GetStatsAsync(None)).Current);
    }

    [Fact]
    public async Task Unicode_words_are_found()
    {
        await using var folder = new MemoryStoreFolder();
        var store = await folder.OpenAsync();
        var tokyo = await store.SaveAsync(Draft("The user's home city is 東京"), Writer, None);
        var cafe = await store.SaveAsync(Draft("The user's favourite café is Café Brûlé"), Writer, None);

        Assert.Equal(tokyo.Item.Id, (await store.SearchAsync(new MemorySearchQuery { Text = "東京", Viewer = Writer, Mode = RetrievalMode.Lexical }, None))[0].Item.Id);
        Assert.Equal(cafe.Item.Id, (await store.SearchAsync(new MemorySearchQuery { Text = "cafe brule", Viewer = Writer, Mode = RetrievalMode.Lexical }, None))[0].Item.Id);
    }

    private static async Task<Chitin.Memory.Storage.SqliteMemoryStore> SeededAsync(MemoryStoreFolder folder)
    {
        var store = await folder.OpenAsync();
        foreach (var fact in Facts)
        {
            await store.SaveAsync(Draft(fact), Writer, None);
        }

        return store;
    }
}
