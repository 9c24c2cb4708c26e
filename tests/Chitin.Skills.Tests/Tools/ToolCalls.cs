using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Skills.Tests.Tools;

/// <summary>Invokes a tool the way the loop does: JSON arguments and a tool context for a session.</summary>
public static class ToolCalls
{
    public static ToolContext Context(string workspace, string sessionId = "s-1") => new(workspace, sessionId, Path.Combine(workspace, ".artifacts"));

    public static async Task<ToolResult> InvokeAsync(ITool tool, string argumentsJson, ToolContext context)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        return await tool.InvokeAsync(new ToolInvocation("call-1", tool.Name, document.RootElement.Clone(), context), CancellationToken.None);
    }
}
