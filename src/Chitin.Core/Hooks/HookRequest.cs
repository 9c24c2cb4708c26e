namespace Chitin.Core.Hooks;

/// <summary>What a hook is told. Tool fields are set for tool events, <see cref="Prompt"/> for user_prompt.</summary>
public sealed record HookRequest
{
    public required HookEvent Event { get; init; }

    public required string SessionId { get; init; }

    public string Agent { get; init; } = "default";

    public string Workspace { get; init; } = "";

    public string? ToolName { get; init; }

    public string? CallId { get; init; }

    public JsonElement? Arguments { get; init; }

    public string? ResultText { get; init; }

    public bool? IsError { get; init; }

    public string? Prompt { get; init; }
}
