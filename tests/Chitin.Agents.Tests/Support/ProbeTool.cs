using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Agents.Tests.Support;

/// <summary>A tool that never finds anything: a model searching with it can go on until something stops it.</summary>
public sealed class ProbeTool : ITool
{
    public string Name => "probe";

    public string Description => "Looks in a place, finds nothing.";

    public JsonElement ParametersSchema { get; } = JsonElement.Parse("""{"type":"object","properties":{}}""");

    public ToolTraits Traits => ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ToolResult.Ok($"nothing at {invocation.Arguments.GetRawText()}"));
}
