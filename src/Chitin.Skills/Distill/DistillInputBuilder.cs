namespace Chitin.Skills.Distill;

/// <summary>
/// Turns a transcript into the one user message of the distillation call: the task, each step's tool calls with
/// truncated results, and the final answer, shortened until it fits the token budget — first by cutting results
/// harder, then by leaving out steps from the middle (the start and the end of a run say the most about its procedure).
/// </summary>
internal sealed class DistillInputBuilder
{
    private const int TaskChars = 4_000;
    private const int FinalChars = 3_000;
    private const int ArgumentChars = 400;
    private const int StepTextChars = 600;
    private static readonly int[] ResultCaps = [800, 300, 100];

    private readonly ITokenCounter _counter;
    private readonly int _budget;

    public DistillInputBuilder(ITokenCounter counter, int budget)
    {
        _counter = counter;
        _budget = Math.Max(256, budget);
    }

    public string Build(IReadOnlyList<SessionMessage> messages)
    {
        var transcript = messages.Where(m => m.Kind == MessageKind.Message).ToList();
        var task = string.Join("\n\n---\n\n", transcript.Where(m => m.Role == MessageRole.User).Select(m => Cap(m.Text, TaskChars)));
        var finalMessage = transcript.Last(m => m.Role == MessageRole.Assistant);
        var final = Cap(finalMessage.Text, FinalChars);
        var results = transcript.Where(m => m.Role == MessageRole.Tool && m.ToolCallId is not null)
            .GroupBy(m => m.ToolCallId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var steps = transcript.Where(m => m.Role == MessageRole.Assistant && m.ToolCalls is { Count: > 0 }).ToList();

        string text = "";
        foreach (var cap in ResultCaps)
        {
            var blocks = steps.Select((s, i) => Step(i + 1, s, results, cap)).ToList();
            text = Compose(task, blocks, final, omitted: 0);
            if (Fits(text))
            {
                return text;
            }

            if (cap == ResultCaps[^1])
            {
                return DropMiddle(task, blocks, final);
            }
        }

        return text;
    }

    private string DropMiddle(string task, List<string> blocks, string final)
    {
        for (var keep = blocks.Count - 1; keep >= 0; keep--)
        {
            var head = (keep + 1) / 2;
            var tail = keep - head;
            var kept = blocks.Take(head).Append($"[... {blocks.Count - keep} steps omitted ...]").Concat(blocks.Skip(blocks.Count - tail)).ToList();
            var text = Compose(task, kept, final, blocks.Count - keep);
            if (Fits(text))
            {
                return text;
            }
        }

        // Even the task and the answer alone are too long: keep the start of each.
        var budgetChars = _budget * 3;
        return Compose(Cap(task, budgetChars / 2), [], Cap(final, budgetChars / 3), blocks.Count);
    }

    private bool Fits(string text) => _counter.CountTokens(text) <= _budget;

    private static string Compose(string task, IEnumerable<string> steps, string final, int omitted)
    {
        var sb = new StringBuilder();
        sb.Append("## Task\n\n").Append(task).Append("\n\n## Steps\n\n");
        var any = false;
        foreach (var step in steps)
        {
            sb.Append(step).Append('\n');
            any = true;
        }

        if (!any)
        {
            sb.Append(omitted > 0 ? string.Create(CultureInfo.InvariantCulture, $"[{omitted} steps omitted]\n") : "(no tool calls)\n");
        }

        sb.Append("\n## Final answer\n\n").Append(final).Append('\n');
        return sb.ToString();
    }

    private static string Step(int number, SessionMessage assistant, Dictionary<string, SessionMessage> results, int resultCap)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"### Step {number}\n");
        if (!string.IsNullOrWhiteSpace(assistant.Text))
        {
            sb.Append("Assistant: ").Append(Cap(assistant.Text, StepTextChars)).Append('\n');
        }

        foreach (var call in assistant.ToolCalls!)
        {
            sb.Append("Call ").Append(call.Name).Append(' ').Append(Cap(Compact(call.ArgumentsJson), ArgumentChars)).Append('\n');
            if (results.TryGetValue(call.Id, out var result))
            {
                sb.Append(result.IsError ? "Result (error): " : "Result: ").Append(Cap(result.Text, resultCap)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>Arguments are stored indented; one line spends fewer tokens of the budget.</summary>
    private static string Compact(string argumentsJson)
    {
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            return JsonSerializer.Serialize(document.RootElement, DistillJsonContext.Default.JsonElement);
        }
        catch (JsonException)
        {
            return argumentsJson;
        }
    }

    private static string Cap(string? text, int max)
    {
        text ??= "";
        if (text.Length <= max)
        {
            return text;
        }

        return string.Concat(text.AsSpan(0, max), string.Create(CultureInfo.InvariantCulture, $" [... {text.Length - max} more characters]"));
    }
}
