namespace Chitin.Tools.Planning;

/// <summary>Structured result of todo, and the content of the session's todo.json.</summary>
public sealed record TodoData(IReadOnlyList<TodoItem> Todos, int Pending, int InProgress, int Completed);
