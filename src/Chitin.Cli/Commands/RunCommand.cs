namespace Chitin.Cli.Commands;

/// <summary><c>chitin run "task"</c>: one task, non-interactively, with stable output and exit codes.</summary>
public sealed class RunCommand
{
    private const string Description =
        """
        Run one task non-interactively in the current directory (the workspace) and exit.

        Permissions come from layers, highest first: managed policy (/etc/chitin/managed.json or
        $CHITIN_MANAGED_POLICY), --mode/--allow/--deny, the project file, the user file, built-in defaults. A deny
        rule or plan mode always refuses; what policy would ask about (file writes, most shell commands) runs only
        with --yes, otherwise it is refused and the model is told why. Every decision is appended to
        $CHITIN_HOME/audit/YYYY-MM-DD.jsonl. Text streams to stdout, progress and a token/cost counter to stderr.

        Exit codes: 0 done, 1 task failed or hit a limit, 2 usage or config error, 3 provider error,
        130 cancelled (Ctrl-C / SIGTERM; the session is saved and can be resumed with --session).

        Examples:
          chitin run "list the TODOs in src and summarise them"
          chitin run --yes "add a .gitignore for a .NET project"
          chitin run --mode plan "how would you split Program.cs?"
          chitin run --allow 'run_shell(dotnet test*)' --deny 'run_shell(git push*)' "fix the failing test"
          chitin run --json --model gpt-5-mini "what does build.sh do?" | jq .final_text
          chitin run --events ndjson --yes "fix the failing test" > events.ndjson
          chitin run --session 20261123-101500-a1b2c3 "continue"
        """;

    private readonly CommandRuntime _runtime;

    private RunCommand(CommandRuntime runtime) => _runtime = runtime;

    public static Command Create(CommandRuntime runtime)
    {
        var task = new Argument<string>("task") { Description = "What the agent should do, in plain words (quote it)." };
        var model = CommonOptions.Model();
        var session = new Option<string?>("--session", "-s")
        {
            Description = "Continue an existing session (ids from 'chitin sessions list'); the task is appended to it.",
            HelpName = "id",
        };
        var maxSteps = new Option<int?>("--max-steps")
        {
            Description = "Stop after this many model calls (default: limits.maxSteps in config, else 50); exits 1 with status limit_reached.",
            HelpName = "N",
        };
        var yes = new Option<bool>("--yes", "-y") { Description = "Approve the tool calls policy would ask about (file writes, shell commands); never what a deny rule or plan mode refuses." };
        var permissions = new PermissionOptions();
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object when the run ends: status, final_text, session_id, steps, tool_calls, usage, cost_usd, duration_ms, error.",
        };
        var events = new Option<string?>("--events")
        {
            Description = "Stream every event as it happens: 'ndjson' writes one JSON object per line with a \"type\" field; the last is \"done\".",
            HelpName = "format",
        };
        events.AcceptOnlyFromAmong("ndjson");
        var policy = new Option<string?>("--policy")
        {
            Description = "How calls are routed over the config endpoints that serve the model, for this run: balanced (default: cost and speed), cheapest, fastest or ordered (config order).",
            HelpName = "policy",
        };
        policy.AcceptOnlyFromAmong("balanced", "cheapest", "fastest", "ordered");

        var command = new Command("run", Description) { task, model, session, maxSteps, yes, json, events, policy };
        permissions.AddTo(command);
        command.SetAction((parse, ct) => new RunCommand(runtime).ExecuteAsync(
            new RunOptions(
                parse.GetValue(task) ?? "",
                parse.GetValue(model),
                parse.GetValue(session),
                parse.GetValue(maxSteps),
                permissions.Read(parse, parse.GetValue(yes)),
                parse.GetValue(json),
                parse.GetValue(events) is not null,
                parse.GetValue(policy)),
            ct));
        return command;
    }

    public static int ExitCodeOf(RunStatus status) => status switch
    {
        RunStatus.Done => ExitCodes.Ok,
        RunStatus.ProviderError => ExitCodes.ProviderError,
        RunStatus.Cancelled => ExitCodes.Cancelled,
        _ => ExitCodes.TaskFailed,
    };

    public static string ResumeHint(string sessionId) => $"chitin run --session {sessionId} \"continue\"";

    private async Task<int> ExecuteAsync(RunOptions options, CancellationToken cancellationToken)
    {
        if (options.Json && options.Ndjson)
        {
            return Reject(options, ExitCodes.UsageError, "usage_error", "--json and --events ndjson both write to stdout; choose one");
        }

        if (options.MaxSteps is <= 0)
        {
            return Reject(options, ExitCodes.UsageError, "usage_error", $"--max-steps must be a positive integer, got {options.MaxSteps}");
        }

        if (string.IsNullOrWhiteSpace(options.Task))
        {
            return Reject(options, ExitCodes.UsageError, "usage_error", "the task is empty; say what the agent should do, e.g. chitin run \"summarise README.md\"");
        }

        ChitinConfig config;
        string model;
        try
        {
            var overrides = new ConfigOverrides { Model = options.Model, MaxSteps = options.MaxSteps };
            config = TrustPrompt.Settle(_runtime, _runtime.LoadConfig(overrides), mayAsk: !options.Permissions.Yes, () => _runtime.LoadConfig(overrides), yes: options.Permissions.Yes);
            model = config.RequireModel();
            config = WithPolicy(config, model, options.Policy);
            config.RequireProvider();
        }
        catch (ConfigException ex)
        {
            WriteJsonFailure(options, "config_error", ex.Message);
            return _runtime.Fail(ex);
        }

        AgentSafety safety;
        ChitinHost host;
        try
        {
            safety = AgentSafety.Create(_runtime.Context, config, options.Permissions, _runtime.Redactor, _runtime.Warn);
        }
        catch (ConfigException ex)
        {
            WriteJsonFailure(options, "config_error", ex.Message);
            return _runtime.Fail(ex);
        }

        using var ownedSafety = safety;
        try
        {
            host = await ChitinHost.StartAsync(config, HostOptions.From(_runtime.Context, safety, model, warn: _runtime.Warn, inform: _runtime.Inform), cancellationToken);
        }
        catch (ConfigException ex)
        {
            WriteJsonFailure(options, "config_error", ex.Message);
            return _runtime.Fail(ex);
        }

        await using var owned = host;
        if (options.SessionId is { } sessionId && await host.Store.GetSessionAsync(sessionId, cancellationToken) is null)
        {
            return Reject(options, ExitCodes.UsageError, "usage_error", $"no session '{sessionId}' in {config.Paths.DatabaseFile}; see 'chitin sessions list'");
        }

        var runner = host.Runners.Create(model);

        var request = new AgentRunRequest
        {
            Prompt = options.Task,
            SessionId = options.SessionId,
            Model = model,
            Workspace = _runtime.Context.WorkingDirectory,
            Limits = config.Limits,
            ContextRebuild = host.Runners.Agents?.Stages,
        };
        return await RunAsync(runner, request, options, host.McpFailures, host.Runners.Agents, cancellationToken);
    }

    private async Task<int> RunAsync(AgentRunner runner, AgentRunRequest request, RunOptions options, IReadOnlyList<Chitin.Mcp.Client.McpServerFailure> mcpFailures, Chitin.Agents.Orchestration.AgentRuntime? agents, CancellationToken cancellationToken)
    {
        var failedServers = mcpFailures.Select(f => new McpServerFailedOutput(f.ServerName, _runtime.Redactor.Redact(f.Message))).ToList();
        IRunRenderer renderer = options.Json ? new JsonRunRenderer(_runtime.Context.Out) { McpServersFailed = failedServers }
            : options.Ndjson ? new NdjsonRunRenderer(_runtime.Context.Out, failedServers)
            : new HumanRunRenderer(_runtime.Context.Out, _runtime.Error, ResumeHint);
        using var stop = _runtime.LinkInterrupts(cancellationToken);
        // Child agents report from their own tasks: one writer at a time.
        var rendering = new Lock();
        void Render(AgentEvent e)
        {
            lock (rendering)
            {
                renderer.OnEvent(EventRedaction.Apply(e, _runtime.Redactor));
            }
        }

        Action<AgentEvent> observe = Render;
        if (agents is not null)
        {
            agents.Observed += observe;
        }

        using var unobserve = new Unsubscribe(() =>
        {
            if (agents is not null)
            {
                agents.Observed -= observe;
            }
        });
        AgentRunResult? result = null;
        var refused = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var raw in runner.RunAsync(request, stop.Token))
            {
                var agentEvent = EventRedaction.Apply(raw, _runtime.Redactor);
                lock (rendering)
                {
                    renderer.OnEvent(agentEvent);
                }

                switch (agentEvent)
                {
                    case ToolFinished { Refused: true } refusal:
                        refused.Add(refusal.ToolName);
                        break;
                    case RunCompleted completed:
                        result = completed.Result;
                        break;
                }
            }
        }
        catch (ModelCallException ex)
        {
            return Reject(options, ExitCodes.ProviderError, "provider_error", ex.Message);
        }

        if (result is null)
        {
            return Reject(options, ExitCodes.TaskFailed, "failed", "the run ended without a result");
        }

        if (refused.Count > 0)
        {
            var why = options.Permissions.Yes
                ? "a deny rule, plan mode or a hook refused them (--yes does not override those)"
                : "this run is non-interactive: calls that policy asks about (file writes, shell commands) need --yes or an --allow rule; deny rules and plan mode refuse regardless";
            _runtime.Error.Line(Spectre.Console.Markup.Escape($"note: refused tool calls: {string.Join(", ", refused)}; {why}"));
        }

        if (result.Status == RunStatus.Cancelled && (options.Json || options.Ndjson))
        {
            _runtime.Error.Line(Spectre.Console.Markup.Escape($"cancelled; session {result.SessionId} is saved. Continue it with: {ResumeHint(result.SessionId)}"));
        }

        return ExitCodeOf(result.Status);
    }

    /// <summary>The config with <c>--policy</c> as its routing policy; a policy for a model no endpoint serves is a usage error.</summary>
    private static ChitinConfig WithPolicy(ChitinConfig config, string model, string? policy)
    {
        if (policy is null)
        {
            return config;
        }

        if (!config.Routes(model))
        {
            throw new ConfigException($"--policy {policy} needs config \"endpoints\" that serve model '{model}'; none do (see 'chitin providers list')");
        }

        return config with { Routing = config.Routing with { Policy = RoutingPolicies.Parse(policy) } };
    }

    private int Reject(RunOptions options, int exitCode, string status, string message)
    {
        WriteJsonFailure(options, status, message);
        return _runtime.Fail(exitCode, message);
    }

    private void WriteJsonFailure(RunOptions options, string status, string message)
    {
        if (options.Json)
        {
            JsonRunRenderer.Write(_runtime.Context.Out, new RunOutput { Status = status, SessionId = options.SessionId, Error = _runtime.Redactor.Redact(message) });
        }
    }

    private sealed record RunOptions(string Task, string? Model, string? SessionId, int? MaxSteps, PermissionFlags Permissions, bool Json, bool Ndjson, string? Policy);

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
