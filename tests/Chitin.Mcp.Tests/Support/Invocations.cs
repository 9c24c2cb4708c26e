using Chitin.Core.Tools;

namespace Chitin.Mcp.Tests.Support;

internal static class Invocations
{
    public static ToolContext Context { get; } = new(Path.GetTempPath(), "test-session", Path.GetTempPath());

    public static Task<ToolResult> InvokeAsync(this IReadOnlyList<ITool> tools, string name, string argumentsJson)
    {
        var tool = tools.SingleOrDefault(t => t.Name == name)
            ?? throw new InvalidOperationException($"No tool '{name}'; have: {string.Join(", ", tools.Select(t => t.Name))}");
        return tool.InvokeAsync(new ToolInvocation("call-1", name, Json.Parse(argumentsJson), Context), CancellationToken.None).Within();
    }
}
