namespace Chitin.Testing.InProcess;

/// <summary>One scripted model answer: optional text (streamed in pieces), optional tool calls, and usage.</summary>
public sealed record ScriptedTurn
{
    public string Text { get; init; } = "";

    public IReadOnlyList<FunctionCallContent> ToolCalls { get; init; } = [];

    public long InputTokens { get; init; } = 100;

    public long CachedInputTokens { get; init; }

    public long OutputTokens { get; init; } = 20;

    /// <summary>Waits for this before answering (to hold a call in flight in tests).</summary>
    public SemaphoreSlim? Gate { get; init; }

    /// <summary>Throws an IOException after this many content updates, like a dropped stream.</summary>
    public int? FailAfterUpdates { get; init; }

    public static ScriptedTurn Say(string text) => new() { Text = text };

    public static ScriptedTurn Call(string name, string argumentsJson, string? id = null) =>
        new() { ToolCalls = [Function(name, argumentsJson, id)] };

    public static FunctionCallContent Function(string name, string argumentsJson, string? id = null) =>
        FunctionCallContent.CreateFromParsedArguments(
            argumentsJson,
            id ?? "call_" + Guid.NewGuid().ToString("N")[..12],
            name,
            static json => System.Text.Json.JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Dictionary<string, object?>))) as Dictionary<string, object?>);

    internal IEnumerable<ChatResponseUpdate> ToUpdates(string model) =>
        InProcessChatClient.Answer(model, Text, ToolCalls, InputTokens, CachedInputTokens, OutputTokens);
}
