namespace Chitin.Tools.Planning;

/// <summary>
/// todo: replaces the session's plan, kept in memory per session and saved as todo.json in the session's
/// artifact folder. Only the plan changes, so calls need no approval.
/// </summary>
public sealed class TodoTool()
    : ToolBase("todo", "Replace your task plan (send the whole list). At most one item in_progress.", Schema, ToolTraits.ConcurrencySafe)
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string FileName = "todo.json";
    public const int MaxItems = 100;

    private const string Schema =
        """
        {"type":"object","properties":{"todos":{"type":"array","items":{"type":"object","properties":{"content":{"type":"string"},"status":{"enum":["pending","in_progress","completed"]}},"required":["content","status"]}}},"required":["todos"]}
        """;

    private readonly ConcurrentDictionary<string, TodoData> _plans = new(StringComparer.Ordinal);

    /// <summary>The latest plan of a session; empty when it has none.</summary>
    public IReadOnlyList<TodoItem> PlanOf(string sessionId) => _plans.TryGetValue(sessionId, out var plan) ? plan.Todos : [];

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var items = arguments.Objects("todos", required: true);
        var todos = new List<TodoItem>();
        foreach (var item in items ?? [])
        {
            var content = item.String("content", required: true);
            var status = item.Choice("status", required: true, Pending, InProgress, Completed);
            if (content is not null && status is not null)
            {
                todos.Add(new TodoItem(content.Trim(), status));
            }
        }

        if (todos.Count > MaxItems)
        {
            arguments.Problem($"at most {MaxItems} todos are allowed, got {todos.Count}; merge small steps");
        }

        var active = todos.Where(todo => todo.Status == InProgress).Select(todo => $"\"{todo.Content}\"").ToArray();
        if (active.Length > 1)
        {
            arguments.Problem($"at most one todo may be in_progress, got {active.Length} ({string.Join(", ", active)}); mark the others pending or completed");
        }

        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var plan = new TodoData(todos, Count(todos, Pending), Count(todos, InProgress), Count(todos, Completed));
        _plans[invocation.Context.SessionId] = plan;
        var saveProblem = await SaveAsync(invocation.Context.ArtifactsDirectory, plan, cancellationToken).ConfigureAwait(false);
        var text = Render(plan) + (saveProblem is null ? "" : $"\n(The plan is kept for this run but could not be saved to {FileName}: {saveProblem})");
        return ToolResult.Ok(text, JsonSerializer.SerializeToElement(plan, ToolsJsonContext.Default.TodoData));
    }

    private static string Render(TodoData plan)
    {
        if (plan.Todos.Count == 0)
        {
            return "Plan cleared.";
        }

        var text = new StringBuilder($"Plan: {plan.Completed} of {plan.Todos.Count} done");
        foreach (var todo in plan.Todos)
        {
            var mark = todo.Status switch
            {
                Completed => "[x]",
                InProgress => "[>]",
                _ => "[ ]",
            };
            text.Append('\n').Append(mark).Append(' ').Append(todo.Content);
        }

        return text.ToString();
    }

    private static async Task<string?> SaveAsync(string artifactsDirectory, TodoData plan, CancellationToken cancellationToken)
    {
        try
        {
            OwnerOnly.CreateDirectory(artifactsDirectory);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(plan, ToolsJsonContext.Default.TodoData);
            await AtomicFileWriter.WriteAsync(Path.Join(artifactsDirectory, FileName), bytes, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return ex.Message;
        }
    }

    private static int Count(List<TodoItem> todos, string status) => todos.Count(todo => todo.Status == status);
}
