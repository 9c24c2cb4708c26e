using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Mcp.Tests.Support;

/// <summary>Uppercases "text"; reports the workspace it ran in as structured data.</summary>
internal sealed class ShoutTool : ITool
{
    private int _calls;

    public string Name => "shout";

    public string Description => "Returns the text in upper case.";

    public JsonElement ParametersSchema { get; } = Json.Parse("""
        {"type": "object", "properties": {"text": {"type": "string", "description": "What to shout."}}, "required": ["text"]}
        """);

    public ToolTraits Traits => ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (!invocation.Arguments.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
        {
            return ValueTask.FromResult(ToolResult.Error("'text' is required and must be a string."));
        }

        var data = Json.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["workspace"] = invocation.Context.Workspace }));
        return ValueTask.FromResult(ToolResult.Ok(text.GetString()!.ToUpperInvariant(), data));
    }
}

/// <summary>A destructive tool that counts its calls (so a test can prove a denied call never ran) or throws on demand.</summary>
internal sealed class WipeTool : ITool
{
    private int _calls;

    public string Name => "wipe";

    public string Description => "Deletes everything (test double).";

    public JsonElement ParametersSchema { get; } = Json.Parse("""{"type": "object", "properties": {"explode": {"type": "boolean"}}}""");

    public ToolTraits Traits => ToolTraits.Destructive | ToolTraits.Network;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (invocation.Arguments.TryGetProperty("explode", out var explode) && explode.ValueKind == JsonValueKind.True)
        {
            throw new InvalidOperationException("disk on fire");
        }

        return ValueTask.FromResult(ToolResult.Ok("wiped"));
    }
}
