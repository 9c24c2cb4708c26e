using System.Collections.Frozen;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tools;

/// <summary>The tools of one agent, in a deterministic order (by name) so the prompt prefix stays byte-stable.</summary>
public sealed class ToolRegistry
{
    private readonly FrozenDictionary<string, ITool> _byName;
    private readonly AITool[] _declarations;

    public ToolRegistry(IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var ordered = tools.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
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

    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>Declarations handed to the model, same order every time.</summary>
    public IList<AITool> Declarations => _declarations;

    public bool TryGet(string name, out ITool tool) => _byName.TryGetValue(name, out tool!);
}
