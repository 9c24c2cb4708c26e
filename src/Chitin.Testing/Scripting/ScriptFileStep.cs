namespace Chitin.Testing.Scripting;

/// <summary>One step of a script file: text, tool calls (with optional text) or an error.</summary>
internal sealed class ScriptFileStep
{
    public string? Text { get; set; }

    public List<ScriptFileToolCall?>? ToolCalls { get; set; }

    public ScriptFileError? Error { get; set; }

    public int? ReasoningTokens { get; set; }
}
