namespace Chitin.Memory.Digest;

/// <summary>
/// The memory layer of the system prompt: pinned items first, then the current facts and procedures most relevant to
/// the session's first message (lexical BM25 ranking, so building it never loads an embedding model), then the newest
/// ones — of the user, of this project (the workspace) and of this agent; never another agent's private items, never
/// working or session items. One bullet per item, capped at <see cref="MemoryDigestOptions.MaxTokens"/> tokens; the
/// text depends only on the store's content and the first message (stable order, no ids or times). It is built once
/// per session and stored with it, so the cached prompt prefix stays byte-stable across the session's turns.
/// Everything else is found on demand with memory_search.
/// </summary>
public sealed class MemoryDigestLayer : IPromptLayerSource
{
    public const string Heading = "## What you remember about the user and this project";

    /// <summary>Items longer than this are clipped in the digest (the full text is one memory_search away).</summary>
    public const int MaxItemChars = 300;

    private const string Intro = "Long-term memory: pinned items, then what relates to the first message, then the newest. memory_search finds more.";

    /// <summary>How many candidates are read: enough to fill any sensible budget, independent of the store's size.</summary>
    private const int PinnedPool = 100;
    private const int FactPool = 200;
    private const int RelevantPool = 20;

    /// <summary>A host serves a few agents in one workspace; more viewers than this start the cache afresh.</summary>
    private const int MaxCachedViewers = 64;

    private static readonly MemoryScope[] SharedScopes = [MemoryScope.User, MemoryScope.Project, MemoryScope.Agent];

    private readonly IMemoryStore _store;
    private readonly ITokenCounter _counter;
    private readonly MemoryDigestOptions _options;
    private readonly Dictionary<(string Agent, string Workspace), DigestCandidates> _cache = [];

    public MemoryDigestLayer(IMemoryStore store, ITokenCounter counter, MemoryDigestOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _counter = counter ?? throw new ArgumentNullException(nameof(counter));
        _options = options ?? new MemoryDigestOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxTokens, nameof(options));
    }

    /// <summary>The counter the digest's budget is measured with.</summary>
    public ITokenCounter Counter => _counter;

    public string Name => "memory";

    public int Order => 30;

    public async ValueTask<string?> GetTextAsync(PromptLayerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var viewer = MemoryViewer.For(context.Agent, context.Workspace);
        var candidates = await CandidatesAsync(viewer, cancellationToken).ConfigureAwait(false);

        // The search sees the same items as the facts list (same viewer, scopes, layers): none there, no match either.
        var relevant = string.IsNullOrWhiteSpace(context.FirstMessage) || candidates.Facts.Count == 0 ? [] : await _store.SearchAsync(
            new MemorySearchQuery
            {
                Text = context.FirstMessage,
                Viewer = viewer,
                Scopes = SharedScopes,
                Layers = [MemoryLayer.Semantic, MemoryLayer.Procedural],
                Mode = RetrievalMode.Lexical,
                Limit = RelevantPool,
            },
            cancellationToken).ConfigureAwait(false);

        // Both lists come newest first with ties broken by storage order, so the text depends on the content only.
        return Compose(candidates.Pinned.Concat(relevant.Select(h => h.Item)).Concat(candidates.Facts).DistinctBy(i => i.Id, StringComparer.Ordinal));
    }

    /// <summary>
    /// The pinned and newest lists, kept per viewer while the store's change stamp is unchanged (and none of them has
    /// expired), so a new session reads one stamp instead of running both listings.
    /// </summary>
    private async Task<DigestCandidates> CandidatesAsync(MemoryViewer viewer, CancellationToken cancellationToken)
    {
        var stamp = await _store.GetChangeStampAsync(cancellationToken).ConfigureAwait(false);
        var key = (viewer.Agent, viewer.Workspace);
        lock (_cache)
        {
            if (stamp is { } s && _cache.TryGetValue(key, out var kept) && kept.IsValid(s, _options.Time.GetUtcNow()))
            {
                return kept;
            }
        }

        var pinned = await _store.ListAsync(
            new MemoryListQuery
            {
                Viewer = viewer,
                Scopes = SharedScopes,
                Layers = [MemoryLayer.Episodic, MemoryLayer.Semantic, MemoryLayer.Procedural],
                PinnedOnly = true,
                Limit = PinnedPool,
            },
            cancellationToken).ConfigureAwait(false);
        var facts = await _store.ListAsync(
            new MemoryListQuery
            {
                Viewer = viewer,
                Scopes = SharedScopes,
                Layers = [MemoryLayer.Semantic, MemoryLayer.Procedural],
                Limit = FactPool,
            },
            cancellationToken).ConfigureAwait(false);

        // Read after the stamp: a change in between makes the lists newer than their stamp, and the next read sees a new one.
        var read = new DigestCandidates(stamp ?? -1, pinned, facts);
        if (stamp is not null)
        {
            lock (_cache)
            {
                if (_cache.Count >= MaxCachedViewers && !_cache.ContainsKey(key))
                {
                    _cache.Clear();
                }

                _cache[key] = read;
            }
        }

        return read;
    }

    private string? Compose(IEnumerable<MemoryItem> items)
    {
        var text = new StringBuilder(Heading).Append('\n').Append(Intro);
        if (!_counter.FitsWithin(text.ToString(), _options.MaxTokens))
        {
            return null;
        }

        var bullets = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var bullet = Bullet(item.Text);
            if (!seen.Add(bullet))
            {
                continue;
            }

            var candidate = string.Concat(text.ToString(), "\n", bullet);
            if (!_counter.FitsWithin(candidate, _options.MaxTokens))
            {
                // A shorter item further down may still fit; the order stays deterministic either way.
                continue;
            }

            text.Append('\n').Append(bullet);
            bullets++;
        }

        return bullets == 0 ? null : text.ToString();
    }

    private static string Bullet(string itemText)
    {
        var flat = PlainText.Collapse(itemText);
        if (flat.Length > MaxItemChars)
        {
            flat = string.Concat(flat.AsSpan(0, MaxItemChars).TrimEnd(), "…");
        }

        return "- " + flat;
    }
}
