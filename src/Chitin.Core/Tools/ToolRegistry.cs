namespace Chitin.Core.Tools;

/// <summary>
/// The tools of one agent: the always-loaded ones in a deterministic order (by name) so the prompt prefix stays
/// byte-stable, and the <see cref="Deferred"/> ones the model loads with <c>tool_search</c>.
/// </summary>
public sealed class ToolRegistry
{
    private readonly FrozenDictionary<string, ITool> _byName;
    private readonly AITool[] _declarations;

    public ToolRegistry(IEnumerable<ITool> tools)
        : this(tools, DeferredTools.None)
    {
    }

    /// <summary>With deferred tools, <c>tool_search</c> joins the always-loaded tools unless it is among them.</summary>
    public ToolRegistry(IEnumerable<ITool> tools, DeferredTools deferred)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(deferred);
        Deferred = deferred;
        var list = tools.ToList();
        if (deferred.Count > 0 && !list.Any(t => t.Name == ToolSearchTool.ToolName))
        {
            list.Add(new ToolSearchTool(deferred));
        }

        if (list.FirstOrDefault(t => deferred.TryGet(t.Name, out _)) is { } both)
        {
            throw new ArgumentException($"Tool '{both.Name}' is registered both always-loaded and deferred.", nameof(tools));
        }

        var ordered = list.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        var duplicate = ordered.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Tool name '{duplicate.Key}' is registered twice.", nameof(tools));
        }

        Tools = ordered;
        _byName = ordered.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _declarations = ordered
            .Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.ParametersSchema))
            .ToArray();
    }

    public static ToolRegistry Empty { get; } = new([]);

    /// <summary>The always-loaded tools, by name.</summary>
    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>Tools declared to the model only after <c>tool_search</c> loads them.</summary>
    public DeferredTools Deferred { get; }

    /// <summary>Declarations handed to the model, same order every time.</summary>
    public IList<AITool> Declarations => _declarations;

    public bool TryGet(string name, out ITool tool) => _byName.TryGetValue(name, out tool!);
}
