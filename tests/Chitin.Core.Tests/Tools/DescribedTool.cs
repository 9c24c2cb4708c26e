using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Core.Tests.Tools;

/// <summary>A tool with a given description and parameter names; calling it answers with its name.</summary>
public sealed class DescribedTool(string name, string description, params string[] parameters) : ITool
{
    public string Name => name;

    public string Description => description;

    public JsonElement ParametersSchema { get; } = JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["type"] = "object",
        ["properties"] = parameters.ToDictionary(p => p, _ => new Dictionary<string, string> { ["type"] = "string" }),
    });

    public ToolTraits Traits => ToolTraits.ReadOnly;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) => ValueTask.FromResult(ToolResult.Ok(name));
}
