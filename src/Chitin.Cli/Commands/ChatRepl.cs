namespace Chitin.Cli.Commands;

/// <summary>The read-run-print loop of <c>chitin chat</c>: prompts, slash commands and turns.</summary>
public sealed class ChatRepl
{
    private readonly CommandRuntime _runtime;
    private readonly ChitinHost _host;
    private readonly LineReader _input;
    private readonly AgentLimits _limits;
    private AgentRunner _runner;
    private string _model;
    private string? _sessionId;

    public ChatRepl(CommandRuntime runtime, ChitinHost host, LineReader input, AgentRunner runner, string model, string? sessionId, AgentLimits limits)
    {
        _runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _sessionId = sessionId;
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
    }

    private StyledWriter Status => _runtime.Error;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Status.Line($"[bold]chitin chat[/] [grey]· model {Markup.Escape(_model)} · /help for commands · Ctrl-C cancels a turn, /exit quits[/]");
        var interrupts = _runtime.Context.Interrupts;
        using var stop = _runtime.LinkInterrupts(cancellationToken);
        while (true)
        {
            Status.Text("[bold green]›[/] ");
            _runtime.Context.Error.Flush();
            string? line;
            try
            {
                line = await _input.ReadLineAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                Status.Line();
                return ExitCodes.Ok;
            }

            if (line is null)
            {
                Status.Line();
                return ExitCodes.Ok;
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('/'))
            {
                if (!await HandleSlashCommandAsync(line, stop.Token))
                {
                    return ExitCodes.Ok;
                }

                continue;
            }

            await RunTurnAsync(line, interrupts, stop.Token);
            if (stop.IsCancellationRequested)
            {
                return ExitCodes.Cancelled;
            }
        }
    }

    private async Task RunTurnAsync(string prompt, InterruptSource interrupts, CancellationToken stopToken)
    {
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(stopToken);
        using var route = interrupts.RouteTo(turn);
        var renderer = new HumanRunRenderer(_runtime.Context.Out, Status, id => $"chitin chat --resume {id}") { ShowSteps = false, ShowRunStart = false };
        var request = new AgentRunRequest
        {
            Prompt = prompt,
            SessionId = _sessionId,
            Model = _model,
            Workspace = _runtime.Context.WorkingDirectory,
            Limits = _limits,
        };
        try
        {
            await foreach (var raw in _runner.RunAsync(request, turn.Token))
            {
                var agentEvent = EventRedaction.Apply(raw, _runtime.Redactor);
                _sessionId ??= agentEvent.SessionId;
                if (agentEvent is RunCompleted { Result.Status: RunStatus.Cancelled } && !stopToken.IsCancellationRequested)
                {
                    Status.Line("[yellow]turn cancelled; the session is kept, type your next message[/]");
                    continue;
                }

                renderer.OnEvent(agentEvent);
            }
        }
        catch (ModelCallException ex)
        {
            _runtime.Fail(ExitCodes.ProviderError, ex.Message);
        }
    }

    /// <summary>Runs one slash command; false means quit.</summary>
    private async Task<bool> HandleSlashCommandAsync(string line, CancellationToken cancellationToken)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var argument = parts.Length > 1 ? parts[1] : null;
        switch (parts[0].ToLowerInvariant())
        {
            case "/exit" or "/quit" or "/q":
                return false;
            case "/help" or "/?":
                ShowHelp();
                return true;
            case "/model":
                SwitchModel(argument);
                return true;
            case "/usage":
                await ShowUsageAsync(cancellationToken);
                return true;
            case "/sessions":
                await ShowSessionsAsync(cancellationToken);
                return true;
            case "/compact":
                await CompactAsync(cancellationToken);
                return true;
            case "/undo" or "/rewind":
                await RewindAsync(parts[0].Equals("/undo", StringComparison.OrdinalIgnoreCase), argument, cancellationToken);
                return true;
            default:
                Status.Line($"[yellow]unknown command {Markup.Escape(parts[0])}; type /help[/]");
                return true;
        }
    }

    private async Task RewindAsync(bool undo, string? argument, CancellationToken cancellationToken)
    {
        if (_sessionId is null)
        {
            Status.Line("[yellow]nothing to rewind yet: no turn has run in this chat[/]");
            return;
        }

        var words = (argument ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var force = words.Contains("--force", StringComparer.Ordinal);
        var counts = words.Where(w => w != "--force").ToList();
        var turns = 1;
        if (counts.Count > (undo ? 0 : 1) || (counts.Count == 1 && (!int.TryParse(counts[0], NumberStyles.None, CultureInfo.InvariantCulture, out turns) || turns < 1)))
        {
            Status.Line(undo ? "[yellow]usage: /undo [[--force]][/]" : "[yellow]usage: /rewind N [[--force]] (N turns, a positive number)[/]");
            return;
        }

        await Checkpoints.CheckpointCommands.RewindAsync(_runtime, _host.Checkpoints, _sessionId, turns, force, json: false, cancellationToken);
    }

    private void ShowHelp()
    {
        Status.Line("/help           this list");
        Status.Line("/model [[id]]     show the model, or switch to another for the next turns");
        Status.Line("/usage          tokens, cache hits and cost of this session");
        Status.Line("/sessions       recent sessions (resume one with chitin chat --resume <id>)");
        Status.Line("/compact        shrink this session's context now (summary of older turns; nothing is deleted)");
        Status.Line("/undo           restore the files and the conversation to before the last turn (again: undo the undo)");
        Status.Line("/rewind N       the same for the last N turns; add --force to overwrite files you changed meanwhile");
        Status.Line("/exit           quit (also Ctrl-D, or Ctrl-C at an empty prompt)");
        Status.Line("[grey]Ctrl-C during a turn cancels the turn and keeps the session.[/]");
    }

    private void SwitchModel(string? model)
    {
        if (model is null)
        {
            Status.Line($"model: {Markup.Escape(_model)}");
            return;
        }

        try
        {
            _runner = _host.Runners.Create(model);
            _model = model;
            Status.Line($"[grey]model is now {Markup.Escape(model)}[/]");
        }
        catch (ConfigException ex)
        {
            _runtime.Fail(ex);
        }
    }

    private async Task ShowUsageAsync(CancellationToken cancellationToken)
    {
        if (_sessionId is null)
        {
            Status.Line("[grey]no turns yet in this session[/]");
            return;
        }

        var records = await _host.Store.LoadUsageAsync(_sessionId, cancellationToken);
        var totals = RunTotals.Of(records);
        Status.Line($"session {Markup.Escape(_sessionId)} · {totals.ModelCalls} model calls · {Markup.Escape(HumanRunRenderer.Counter(totals))}");
    }

    private async Task CompactAsync(CancellationToken cancellationToken)
    {
        if (_sessionId is null || await _host.Store.GetSessionAsync(_sessionId, cancellationToken) is not { } session)
        {
            Status.Line("[grey]no turns yet in this session[/]");
            return;
        }

        Status.Line("[grey]compacting… (Ctrl-C cancels)[/]");
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var route = _runtime.Context.Interrupts.RouteTo(turn);
        CompactionResult result;
        try
        {
            result = await SessionCompaction.CompactAsync(_host, session, _model, _runtime.Context.Time, turn.Token);
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Status.Line("[yellow]compaction cancelled; the session is unchanged[/]");
            return;
        }
        catch (ConfigException ex)
        {
            _runtime.Fail(ex);
            return;
        }

        Status.Line(Markup.Escape(CompactionOutput.Describe(result)));
        if (result.Compacted && result.Error is { } error)
        {
            _runtime.Warn(error);
        }
    }

    private async Task ShowSessionsAsync(CancellationToken cancellationToken)
    {
        var sessions = await _host.Store.ListSessionsAsync(10, cancellationToken);
        if (sessions.Count == 0)
        {
            Status.Line("[grey]no sessions yet[/]");
            return;
        }

        foreach (var s in sessions)
        {
            var current = s.Id == _sessionId ? " (this one)" : "";
            Status.Line(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{s.Id}  {Units.Time(s.UpdatedAt)}  {s.MessageCount,4} msgs  {Units.OneLine(s.Title, 60)}{current}")));
        }
    }
}
