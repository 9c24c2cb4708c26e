namespace Chitin.Testing.Scripting;

/// <summary>
/// A tool call the scripted model makes, or one it finds in the conversation it is sent.
/// <paramref name="ArgumentsJson"/> is the JSON object text of the arguments; <paramref name="Id"/> is generated
/// in the wire format's style (<c>call_…</c> / <c>toolu_…</c>) when left null.
/// </summary>
public sealed record ScriptToolCall(string Name, string ArgumentsJson, string? Id = null);
