namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// Deferred tools from one source (an MCP server, or the built-ins) and the one line the frozen system prompt
/// carries for them instead of their schemas.
/// </summary>
/// <param name="Source">Shown in the prompt line and reports, e.g. "mcp__github__*" or "built-in".</param>
/// <param name="Tools">The tools, in any order; the catalog sorts them.</param>
public sealed record DeferredToolGroup(string Source, IReadOnlyList<ITool> Tools)
{
    /// <summary>What the source offers, in a few words; derived from the tool names when null.</summary>
    public string? Summary { get; init; }
}
