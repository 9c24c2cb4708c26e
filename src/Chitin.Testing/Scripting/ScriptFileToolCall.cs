namespace Chitin.Testing.Scripting;

/// <summary>A tool call in a script file; <see cref="Arguments"/> is a JSON object (or a string holding one).</summary>
internal sealed class ScriptFileToolCall
{
    public string? Name { get; set; }

    public JsonElement? Arguments { get; set; }

    public string? Id { get; set; }
}
