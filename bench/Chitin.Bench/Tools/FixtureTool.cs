using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Bench.Tools;

/// <summary>A tool of tests/fixtures/mcp-200/tools.json, declared only: the benchmark searches it, never calls it.</summary>
public sealed class FixtureTool(string name, string description, JsonElement schema) : ITool
{
    public string Name => name;

    public string Description => description;

    public JsonElement ParametersSchema => schema;

    public ToolTraits Traits => ToolTraits.None;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ToolResult.Error("fixture tools are not callable"));

    /// <summary>The 200 tools as server <paramref name="server"/> would offer them (mcp__server__tool).</summary>
    public static IReadOnlyList<ITool> Load(string fixtureDirectory, string server)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtureDirectory, "tools.json")));
        return document.RootElement.EnumerateArray()
            .Select(t => (ITool)new FixtureTool($"mcp__{server}__{t.GetProperty("name").GetString()}", t.GetProperty("description").GetString()!, t.GetProperty("inputSchema").Clone()))
            .ToList();
    }
}
