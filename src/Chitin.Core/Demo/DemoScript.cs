namespace Chitin.Core.Demo;

/// <summary>
/// What the demo model does: look at the workspace, write a plan, count its lines, read it back, then summarise what
/// the tools said. The next step is chosen by how many tool results the conversation holds, so it works with any
/// harness and either wire format, and the final answer quotes the results to prove the model saw them. Played by
/// <c>chitin demo</c> in process and by the scripted model server's demo script over HTTP.
/// </summary>
public static class DemoScript
{
    public const string Task = "Look at the workspace, write a short plan to notes/plan.md, count its lines and read it back.";

    public const string PlanPath = "notes/plan.md";

    private const int QuoteLength = 160;

    private static readonly DemoStep[] Steps =
    [
        new("list_dir", "I'll start by looking at the workspace.", """{"path":"."}"""),
        new("write_file", "Now I'll write a short plan.", """{"path":"notes/plan.md","content":"# Plan\n\n1. Look at the workspace.\n2. Write this plan.\n3. Count its lines with wc.\n4. Read it back and report.\n"}"""),
        new("run_shell", "Let me check how long the plan is.", """{"command":"wc -l notes/plan.md"}"""),
        new("read_file", "And read it back to confirm.", """{"path":"notes/plan.md"}"""),
    ];

    /// <summary>The tool step to take after <paramref name="toolResults"/> results, or null when it is time to answer.</summary>
    public static DemoStep? Next(int toolResults) => toolResults < Steps.Length ? Steps[toolResults] : null;

    /// <summary>
    /// The final answer: one line per tool result, failures counted. A result failed when its call was marked as an
    /// error or its text starts with "error".
    /// </summary>
    public static string Summarise(IReadOnlyList<(string Tool, string Result, bool IsError)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var summary = new StringBuilder();
        var failures = 0;
        foreach (var (tool, result, isError) in results)
        {
            var failed = isError || result.TrimStart().StartsWith("error", StringComparison.OrdinalIgnoreCase);
            failures += failed ? 1 : 0;
            summary.Append("- ").Append(tool).Append(failed ? " failed: " : " returned: ").Append(Quote(result)).Append('\n');
        }

        var opening = failures == 0
            ? $"Done: I wrote {PlanPath} and checked it in {results.Count} tool steps."
            : $"I finished, but {failures} of {results.Count} tool steps failed, so the result may be incomplete.";
        return $"{opening}\n\n{summary}";
    }

    private static string Quote(string content)
    {
        var flat = PlainText.Collapse(content);
        return flat.Length <= QuoteLength ? $"\"{flat}\"" : $"\"{flat[..QuoteLength]}…\"";
    }
}
