namespace Chitin.Cli.Commands;

/// <summary>
/// <c>chitin demo</c>: a real multi-step run against the built-in scripted model, so anyone can see the harness
/// work (tools, tokens, cache hits, cost) without an API key or network.
/// </summary>
public static class DemoCommand
{
    public const string DemoModel = "scripted-demo";

    public const string DemoTask = DemoScript.Task;

    private const string Description =
        """
        Run a real multi-step task against a scripted model that runs inside chitin: no API key, no network. The
        agent lists a fresh folder under CHITIN_HOME/demo/, writes a plan, runs a shell command (in the bubblewrap
        sandbox when it can run, as 'chitin run' does) and reads the file back; you see each step and tool call, the
        tokens, the prompt-cache hit rate and the cost. Permissions are those of 'chitin run --yes', under any
        managed policy; the "sandbox" section of the user config applies.

        Example:
          chitin demo
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var json = CommonOptions.Json("the run result (same fields as 'chitin run --json')");
        var command = new Command("demo", Description) { json };
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, bool json, CancellationToken cancellationToken)
    {
        var sandbox = DemoSandbox(runtime);
        var paths = runtime.Paths;
        var workspace = Path.Combine(paths.DemoDirectory, runtime.Context.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(workspace);
        await File.WriteAllTextAsync(Path.Combine(workspace, "README.md"), "# Demo workspace\n\nCreated by `chitin demo`.\n", cancellationToken);

        var config = new ChitinConfig
        {
            Paths = paths with { WorkingDirectory = workspace },
            Model = DemoModel,
            ModelSource = "demo",
            Provider = new ProviderConfig(ProviderKinds.OpenAI, "demo", "in-process", "demo scripted model", null, "not needed by the demo model"),
            Sandbox = sandbox,

            // The scripted demo model answers the task only, so no capture call is made.
            Memory = MemorySettings.Default with { Capture = false },
        };

        // The demo's scripted task is known and harmless: calls policy would ask about are approved, as with --yes.
        using var safety = AgentSafety.Create(runtime.Context, config, new PermissionFlags { Yes = true }, runtime.Redactor, runtime.Warn);
        var hostOptions = HostOptions.From(runtime.Context, safety, DemoModel, warn: runtime.Warn, inform: runtime.Inform) with { ChatClient = (new DemoChatClient(), DemoChatClient.ProviderName) };
        await using var host = await ChitinHost.StartAsync(config, hostOptions, cancellationToken);
        var runner = host.Runners.Create(DemoModel);

        var show = runtime.Output;
        if (!json)
        {
            show.Line($"[bold]chitin demo[/] [grey]· scripted model in-process · workspace {Markup.Escape(workspace)}[/]");
            show.Line($"[grey]task:[/] {Markup.Escape(DemoTask)}");
        }

        IRunRenderer renderer = json
            ? new JsonRunRenderer(runtime.Context.Out)
            : new HumanRunRenderer(runtime.Context.Out, show, RunCommand.ResumeHint);
        using var stop = runtime.LinkInterrupts(cancellationToken);
        AgentRunResult? result = null;
        var request = new AgentRunRequest { Prompt = DemoTask, Model = DemoModel, Workspace = workspace, Limits = new AgentLimits { MaxSteps = 12 } };
        await foreach (var agentEvent in runner.RunAsync(request, stop.Token))
        {
            renderer.OnEvent(agentEvent);
            result = (agentEvent as RunCompleted)?.Result ?? result;
        }

        if (result is null)
        {
            return runtime.Fail(ExitCodes.TaskFailed, "the demo run ended without a result");
        }

        if (!json)
        {
            Summarize(show, result, workspace, SandboxUsed(safety.ToolOptions.Sandbox));
        }

        return RunCommand.ExitCodeOf(result.Status);
    }

    /// <summary>The user's "sandbox" settings (mode, bwrapPath, allowNetwork); defaults when the user config has none.</summary>
    private static SandboxSettings DemoSandbox(CommandRuntime runtime) => runtime.LoadConfig().Sandbox;

    /// <summary>What the shell step ran in: the sandbox's name, or why there was none.</summary>
    private static string SandboxUsed(ICommandSandbox? sandbox) => sandbox switch
    {
        null => "off (sandbox.mode is off)",
        { IsAvailable: true } => sandbox.Name,
        _ => "none (neither bubblewrap nor Landlock can run here, so shell commands are refused; see 'chitin doctor')",
    };

    private static void Summarize(StyledWriter show, AgentRunResult result, string workspace, string sandbox)
    {
        var usage = result.Usage;
        show.Line();
        show.Table(
            ["demo result", "value"],
            [
                ["status", RunOutput.StatusName(result.Status)],
                ["steps (model calls)", result.Steps.ToString(CultureInfo.InvariantCulture)],
                ["tool calls", result.ToolCalls.ToString(CultureInfo.InvariantCulture)],
                ["input tokens", Units.Tokens(usage.InputTokens)],
                ["cached input tokens", Units.Tokens(usage.CachedInputTokens)],
                ["cache-hit rate", Units.Percent(usage.CacheHitRate)],
                ["output tokens", Units.Tokens(usage.OutputTokens)],
                ["cost", Units.Usd(usage.CostUsd) + " (at list prices for scripted*)"],
                ["wall time", Units.Duration(result.DurationMs)],
                ["sandbox", sandbox],
                ["session", result.SessionId],
                ["workspace", workspace],
            ]);
        show.Line("[grey]next: 'chitin sessions show <session>' for the transcript, 'chitin usage' for totals, 'chitin init' to use a real model[/]");
    }
}
