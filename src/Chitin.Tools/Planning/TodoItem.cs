namespace Chitin.Tools.Planning;

/// <summary>One step of the session's plan; Status is "pending", "in_progress" or "completed".</summary>
public sealed record TodoItem(string Content, string Status);
