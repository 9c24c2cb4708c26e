namespace Chitin.Core.Tools;

/// <summary>What a tool hands back: a short text for the model, optional structured data for programs.</summary>
public sealed record ToolResult(string Text, bool IsError = false, JsonElement? Data = null)
{
    public static ToolResult Ok(string text, JsonElement? data = null) => new(text, false, data);

    public static ToolResult Error(string message) => new(message, true);
}
