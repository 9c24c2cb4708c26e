namespace Chitin.Testing.Wire;

/// <summary>A tool call as it goes on the wire: its final id, and arguments that may be deliberately broken.</summary>
internal sealed record AnswerToolCall(string Id, string Name, string Arguments, bool ArgumentsAreValid);
