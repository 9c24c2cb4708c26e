using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Agents.Tests.Support;

/// <summary>A tool that never returns until its call is cancelled: a child stuck in work.</summary>
public sealed class BlockTool : ITool
{
    public string Name => "block";

    public string Description => "Waits until cancelled.";

    public JsonElement ParametersSchema { get; } = JsonElement.Parse("""{"type":"object","properties":{}}""");

    public ToolTraits Traits => ToolTraits.ReadOnly;

    public async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return ToolResult.Ok("unreachable");
    }
}
