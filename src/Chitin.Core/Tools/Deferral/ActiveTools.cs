namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// The tools one session can call right now: the registry's always-loaded tools in their stable order, then the
/// deferred tools it has loaded, in load order. Appending keeps every byte before the load point unchanged, so
/// the provider's cached prefix survives a load.
/// </summary>
public sealed class ActiveTools
{
    private readonly ToolRegistry _registry;
    private readonly List<string> _loaded = [];
    private readonly HashSet<string> _loadedSet = new(StringComparer.Ordinal);
    private List<AITool> _declarations;
    private (int Version, string Prompt, int Tokens)? _fixedTokens;

    public ActiveTools(ToolRegistry registry)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _declarations = [.. registry.Declarations];
    }

    public ToolRegistry Registry => _registry;

    /// <summary>The tools a stored session has active: the registry's, with what its transcript loaded.</summary>
    public static ActiveTools Of(ToolRegistry registry, IReadOnlyList<SessionMessage> transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var active = new ActiveTools(registry);
        active.Reset(LoadedTools.From(transcript, ContextMessages.LatestMarker(transcript)));
        return active;
    }

    /// <summary>Loaded deferred tools, in load order.</summary>
    public IReadOnlyList<string> Loaded => _loaded;

    /// <summary>Changes with every load or reset, so callers can cache what they derive.</summary>
    public int Version { get; private set; }

    /// <summary>Always-loaded tools, then loaded ones.</summary>
    public IEnumerable<ITool> Tools => _registry.Tools.Concat(_loaded.Select(n => _registry.Deferred.TryGet(n, out var t) ? t : null!));

    public int Count => _registry.Tools.Count + _loaded.Count;

    /// <summary>What the next model call declares; a new list whenever the set changes.</summary>
    public IList<AITool> Declarations => _declarations;

    /// <summary>Loads the deferred tools among <paramref name="names"/>; unknown names are ignored. True when any was new.</summary>
    public bool Load(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var changed = false;
        foreach (var name in names)
        {
            if (_registry.Deferred.TryGet(name, out _) && _loadedSet.Add(name))
            {
                _loaded.Add(name);
                changed = true;
            }
        }

        if (changed)
        {
            Rebuild();
        }

        return changed;
    }

    /// <summary>Replaces the loaded set (on resume, or after compaction unloaded unused tools).</summary>
    public void Reset(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _loaded.Clear();
        _loadedSet.Clear();
        if (!Load(names))
        {
            Rebuild();
        }
    }

    /// <summary>The tool the model may call by this name; null with the reason (naming tool_search for a deferred one) otherwise.</summary>
    public ITool? Resolve(string name, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        error = null;
        if (_registry.TryGet(name, out var tool))
        {
            return tool;
        }

        if (_registry.Deferred.TryGet(name, out var deferred))
        {
            if (_loadedSet.Contains(name))
            {
                return deferred;
            }

            error = $"Tool '{name}' is deferred and not loaded. Call tool_search with a query for what you need (or with its exact name, {{\"query\": \"{name}\"}}) first; the tools it returns are callable by name from the next step.";
            return null;
        }

        var known = string.Join(", ", Tools.Select(t => t.Name));
        error = _registry.Deferred.Count > 0
            ? $"Unknown tool '{name}'. Available tools: {known}. More tools are deferred: find them with tool_search."
            : $"Unknown tool '{name}'. Available tools: {known}.";
        return null;
    }

    /// <summary>The system prompt and the active tools' schemas in tokens, recounted only when the set changed.</summary>
    public int FixedTokens(ITokenCounter counter, string systemPrompt)
    {
        if (_fixedTokens is not { } cached || cached.Version != Version || !ReferenceEquals(cached.Prompt, systemPrompt))
        {
            _fixedTokens = cached = (Version, systemPrompt, ContextBudget.FixedTokens(counter, systemPrompt, Tools));
        }

        return cached.Tokens;
    }

    private void Rebuild()
    {
        _declarations = [.. _registry.Declarations, .. _loaded.Select(_registry.Deferred.Declaration)];
        Version++;
    }
}
