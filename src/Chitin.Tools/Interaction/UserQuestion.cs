namespace Chitin.Tools.Interaction;

/// <summary>A question for the user; <see cref="Options"/> are suggested answers (the user may still write another).</summary>
public sealed record UserQuestion(string SessionId, string Question, IReadOnlyList<string> Options);
