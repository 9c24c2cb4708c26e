namespace Chitin.Tools.Interaction;

/// <summary>Structured result of ask_user; Answer is null when the user declined.</summary>
public sealed record AskUserData(string Question, string? Answer);
