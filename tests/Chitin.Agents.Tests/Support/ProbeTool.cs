using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Agents.Tests.Support;

/// <summary>A tool that always answers the same: a model calling it again and again makes no progress.</summary>
public sealed class ProbeTool : ITool
{
    public string Name => "probe";

    public string Description => "Looks, finds nothing new.";

    public JsonElement ParametersSchema { get; } = JsonElement.Parse("""{"type":"object","properties":{}}""");

    public ToolTraits Traits => ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ToolResult.Ok("nothing new"));
}
