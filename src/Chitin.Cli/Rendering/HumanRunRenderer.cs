namespace Chitin.Cli.Rendering;

/// <summary>
/// People's view of a run: the model's text streams to stdout; steps, tool calls, retries and a running
/// token/cost counter go to stderr, so <c>chitin run "…" &gt; answer.txt</c> keeps only the answer.
/// </summary>
public sealed class HumanRunRenderer : IRunRenderer
{
    private const int PreviewChars = 100;
    private readonly TextWriter _output;
    private readonly StyledWriter _status;
    private readonly Func<string, string> _resumeHint;
    private bool _lineOpen;

    /// <param name="resumeHint">Given a session id, the command that continues it (shown after cancellation or failure).</param>
    public HumanRunRenderer(TextWriter output, StyledWriter status, Func<string, string> resumeHint)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _resumeHint = resumeHint ?? throw new ArgumentNullException(nameof(resumeHint));
    }

    /// <summary>Whether the status lines show step numbers; chat turns leave them out.</summary>
    public bool ShowSteps { get; init; } = true;

    /// <summary>Whether the session/model line is shown when a run starts; chat shows it once in its banner.</summary>
    public bool ShowRunStart { get; init; } = true;

    public void OnEvent(AgentEvent agentEvent)
    {
        switch (agentEvent)
        {
            case TextDelta delta:
                _output.Write(delta.Text);
                _output.Flush();
                _lineOpen = delta.Text.Length > 0 ? !delta.Text.EndsWith('\n') : _lineOpen;
                return;
            case ToolFinished done:
                var mark = done.Refused ? "[yellow]⊘ refused[/]" : done.IsError ? "[red]✗[/]" : "[green]✓[/]";
                _status.Line($"  {mark} {Markup.Escape(done.ToolName)} [grey]({Units.Duration(done.DurationMs)}) {Markup.Escape(Units.OneLine(done.Preview, PreviewChars))}[/]");
                return;
            case RunCompleted completed:
                EndLine();
                Summarize(completed.Result);
                return;
        }

        if (StatusLine(agentEvent) is { } line)
        {
            EndLine();
            _status.Line(line);
        }
    }

    /// <summary>The one status line an event shows on its own line, in markup; null for events not shown.</summary>
    private string? StatusLine(AgentEvent agentEvent) => agentEvent switch
    {
        RunStarted started when ShowRunStart =>
            $"[grey]session {Markup.Escape(started.SessionId)} · model {Markup.Escape(started.Model)}{(started.Resumed ? " · resumed" : "")}[/]",
        TurnStarted turn when ShowSteps => $"[grey]step {turn.Step}[/]",
        ToolRequested call => $"[blue]→ {Markup.Escape(call.ToolName)}[/] [grey]{Markup.Escape(Units.OneLine(call.ArgumentsJson, PreviewChars))}[/]",
        AgentSpawned spawned =>
            $"[blue]⇉ agent {Markup.Escape(spawned.AgentId)}[/] [grey]started by {Markup.Escape(spawned.ParentId)} in {Markup.Escape(spawned.Folder)}/[/]",
        AgentFinished finished =>
            $"  [{(finished.Status == AgentStatus.Done ? "green" : "yellow")}]⇇ agent {Markup.Escape(finished.AgentId)} {Markup.Escape(StoredNames.Name(finished.Status))}[/] [grey]{finished.Tokens} tokens · ${finished.CostUsd:0.####} · {Markup.Escape(finished.ResultPath)}[/]",
        ResponseRetrying retry =>
            $"[yellow]↻ retrying step {retry.Step} (attempt {retry.Attempt}) in {Units.Duration(retry.DelayMs)}: {Markup.Escape(retry.Reason)}; partial text above is discarded[/]",
        UsageReported usage => $"[grey]  {Counter(usage.Totals)}[/]",
        ErrorOccurred error => $"[red]error ({Markup.Escape(error.Kind)}):[/] {Markup.Escape(error.Message)}",
        _ => null,
    };

    /// <summary>"4,567 in (3,900 cached, 85.4%) · 123 out · $0.0034".</summary>
    public static string Counter(RunTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return $"tokens {Units.Tokens(totals.InputTokens)} in ({Units.Tokens(totals.CachedInputTokens)} cached, {Units.Percent(totals.CacheHitRate)}) · {Units.Tokens(totals.OutputTokens)} out · {Units.Usd(totals.CostUsd)}";
    }

    private void Summarize(AgentRunResult result)
    {
        var (label, colour) = result.Status switch
        {
            RunStatus.Done => ("done", "green"),
            RunStatus.Cancelled => ("cancelled", "yellow"),
            RunStatus.LimitReached => ("limit reached", "yellow"),
            RunStatus.BudgetExceeded => ("budget exceeded", "yellow"),
            RunStatus.LoopDetected => ("loop detected", "yellow"),
            RunStatus.ProviderError => ("provider error", "red"),
            _ => ("failed", "red"),
        };
        var steps = result.Steps == 1 ? "1 step" : $"{result.Steps} steps";
        var calls = result.ToolCalls == 1 ? "1 tool call" : $"{result.ToolCalls} tool calls";
        _status.Line($"[{colour}]{label}[/] · {steps} · {calls} · {Markup.Escape(Counter(result.Usage))} · {Units.Duration(result.DurationMs)}");
        if (result.Error is { Length: > 0 } error && result.Status != RunStatus.Done)
        {
            _status.Line($"[{colour}]{Markup.Escape(error)}[/]");
        }

        _status.Line(result.Status == RunStatus.Done
            ? $"[grey]session {Markup.Escape(result.SessionId)}[/]"
            : $"[grey]session {Markup.Escape(result.SessionId)} is saved; continue it with:[/] {Markup.Escape(_resumeHint(result.SessionId))}");
    }

    private void EndLine()
    {
        if (_lineOpen)
        {
            _output.WriteLine();
            _output.Flush();
            _lineOpen = false;
        }
    }
}
