namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// The tools an agent can load on demand: not declared to the model until <c>tool_search</c> returns them. Holds
/// their declarations (made once, so a loaded tool is sent byte-identically on every call) and the search index,
/// built on first use.
/// </summary>
public sealed class DeferredTools
{
    private readonly FrozenDictionary<string, ITool> _byName;
    private readonly FrozenDictionary<string, AITool> _declarations;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly SemaphoreSlim _building = new(1, 1);
    private ToolSearchIndex? _index;

    public DeferredTools(IEnumerable<DeferredToolGroup> groups, IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups.Where(g => g.Tools.Count > 0).OrderBy(g => g.Source, StringComparer.Ordinal).ToArray();
        var tools = Groups.SelectMany(g => g.Tools).OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        if (tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Deferred tool '{duplicate.Key}' is registered twice.", nameof(groups));
        }

        Tools = tools;
        _byName = tools.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _declarations = tools.ToFrozenDictionary(t => t.Name, t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.ParametersSchema), StringComparer.Ordinal);
        _embedder = embedder;
    }

    public static DeferredTools None { get; } = new([]);

    public IReadOnlyList<DeferredToolGroup> Groups { get; }

    /// <summary>All deferred tools, by name.</summary>
    public IReadOnlyList<ITool> Tools { get; }

    public int Count => Tools.Count;

    public bool TryGet(string name, out ITool tool) => _byName.TryGetValue(name, out tool!);

    /// <summary>The declaration sent to the model once the tool is loaded; the same instance every time.</summary>
    public AITool Declaration(string name) => _declarations[name];

    /// <summary>The search index over all deferred tools, built once (embedding every tool when an embedder was given).</summary>
    public async ValueTask<ToolSearchIndex> IndexAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _index) is { } built)
        {
            return built;
        }

        await _building.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _index ??= await ToolSearchIndex.BuildAsync(Tools, _embedder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _building.Release();
        }
    }
}
