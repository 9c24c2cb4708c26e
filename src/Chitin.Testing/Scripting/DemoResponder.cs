namespace Chitin.Testing.Scripting;

/// <summary>
/// The demo task: look at the workspace, write a plan, count its lines, read it back, then summarise what the
/// tools said. The next step is chosen by how many tool results the conversation holds, so it works with any
/// harness and either wire format, and the final answer quotes the results to prove the model saw them.
/// </summary>
internal static class DemoResponder
{
    public const string PlanPath = "notes/plan.md";

    public const string PlanContent =
        "# Plan\n\n1. Look at the workspace.\n2. Write this plan.\n3. Count its lines with wc.\n4. Read it back and report.\n";

    private const int QuoteLength = 160;

    private static readonly (string Tool, string Intro, string ArgumentsJson)[] Steps =
    [
        ("list_dir", "I'll start by looking at the workspace.", """{"path":"."}"""),
        ("write_file", "Now I'll write a short plan.", """{"path":"notes/plan.md","content":"# Plan\n\n1. Look at the workspace.\n2. Write this plan.\n3. Count its lines with wc.\n4. Read it back and report.\n"}"""),
        ("run_shell", "Let me check how long the plan is.", """{"command":"wc -l notes/plan.md"}"""),
        ("read_file", "And read it back to confirm.", """{"path":"notes/plan.md"}"""),
    ];

    public static int ToolStepCount => Steps.Length;

    public static ScriptStep Respond(ScriptRequest request)
    {
        var done = request.ToolResultCount;
        if (done < Steps.Length)
        {
            var (tool, intro, arguments) = Steps[done];
            return ScriptStep.ToolCalls(intro, new ScriptToolCall(tool, arguments));
        }

        return ScriptStep.Text(Summarise(request));
    }

    private static string Summarise(ScriptRequest request)
    {
        var summary = new StringBuilder();
        var failures = 0;
        var position = 0;
        foreach (var result in request.AllToolResults)
        {
            var tool = request.FindToolCall(result.CallId)?.Name ?? Steps[Math.Min(position, Steps.Length - 1)].Tool;
            var failed = result.IsError || result.Content.TrimStart().StartsWith("error", StringComparison.OrdinalIgnoreCase);
            failures += failed ? 1 : 0;
            summary.Append("- ").Append(tool).Append(failed ? " failed: " : " returned: ").Append(Quote(result.Content)).Append('\n');
            position++;
        }

        var opening = failures == 0
            ? $"Done: I wrote {PlanPath} and checked it in {position} tool steps."
            : $"I finished, but {failures} of {position} tool steps failed, so the result may be incomplete.";
        return $"{opening}\n\n{summary}";
    }

    private static string Quote(string content)
    {
        var flat = string.Join(' ', content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= QuoteLength ? $"\"{flat}\"" : $"\"{flat[..QuoteLength]}…\"";
    }
}
