namespace Chitin.Tools.Shell;

/// <summary>
/// run_shell: one bash command in the workspace, inside the sandbox when configured; a non-zero exit is a normal
/// result, not a tool error. With background=true it starts a job and returns its id at once. Disposing the tool
/// kills the background jobs it started (unless the job registry was handed in by the caller, who then owns it).
/// </summary>
public sealed class RunShellTool : ToolBase, IDisposable
{
    private const string Schema =
        """
        {"type":"object","properties":{"command":{"type":"string","description":"Bash command line"},"timeout_s":{"type":"integer","minimum":1,"description":"Seconds before the command and its children are killed"},"background":{"type":"boolean","description":"Start as a job, return its id at once"}},"required":["command"]}
        """;

    private readonly BuiltInToolOptions _options;
    private readonly ShellLauncher? _launcher = ShellLauncher.Detect();
    private readonly ShellCommandFactory? _commands;
    private readonly bool _ownsJobs;

    public RunShellTool(BuiltInToolOptions? options = null, ShellJobRegistry? jobs = null)
        : base("run_shell", Describe(options ?? BuiltInToolOptions.Default), Schema, ToolTraits.Destructive, ToolSubject.Command())
    {
        _options = (options ?? BuiltInToolOptions.Default).Validated();
        _commands = _launcher is null ? null : new ShellCommandFactory(_options, _launcher);
        _ownsJobs = jobs is null;
        Jobs = jobs ?? new ShellJobRegistry(_options);
    }

    /// <summary>The background jobs this tool starts; shell_output and shell_stop read the same registry.</summary>
    public ShellJobRegistry Jobs { get; }

    private static string Describe(BuiltInToolOptions options) =>
        "Run a bash command in the workspace (stdin closed, no TTY). Returns the exit code and stdout+stderr "
        + $"interleaved. timeout_s default {Seconds(options.ShellDefaultTimeout)}, max {Seconds(options.ShellMaxTimeout)}; "
        + "background jobs run until shell_stop.";

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var command = arguments.String("command", required: true);
        var requestedSeconds = arguments.Integer("timeout_s", minimum: 1);
        var background = arguments.Boolean("background") ?? false;
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (_commands is null)
        {
            return ToolResult.Error("run_shell cannot start: neither /bin/bash nor /bin/sh exists on this machine.");
        }

        var workspace = invocation.Context.Workspace;
        if (!Directory.Exists(workspace))
        {
            return ToolResult.Error($"run_shell cannot start: the workspace '{workspace}' does not exist.");
        }

        if (!_commands.TryPrepare(command!, invocation.Context, out var prepared, out var refused))
        {
            return ToolResult.Error(refused);
        }

        try
        {
            var result = background
                ? StartJob(command!, invocation.Context.SessionId, prepared)
                : await RunAsync(prepared, requestedSeconds, cancellationToken).ConfigureAwait(false);
            return prepared.Warning is null ? result : result with { Text = prepared.Warning + "\n" + result.Text };
        }
        catch (Win32Exception ex)
        {
            return ToolResult.Error($"run_shell could not start {prepared.StartInfo.FileName}: {ex.Message}");
        }
    }

    public void Dispose()
    {
        if (_ownsJobs)
        {
            Jobs.Dispose();
        }
    }

    private ToolResult StartJob(string command, string sessionId, PreparedShellCommand prepared)
    {
        if (!Jobs.TryStart(command, sessionId, prepared, out var job, out var refused))
        {
            return ToolResult.Error(refused);
        }

        return ShellJobReport.Of(job, $"Started {job.Id} in the background (pid {job.ProcessId}). "
                                      + $"Read its output with shell_output job_id=\"{job.Id}\"; stop it with shell_stop.", slice: null);
    }

    private async Task<ToolResult> RunAsync(PreparedShellCommand prepared, int? requestedSeconds, CancellationToken cancellationToken)
    {
        var timeout = requestedSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.ShellDefaultTimeout;
        var capped = timeout > _options.ShellMaxTimeout;
        timeout = capped ? _options.ShellMaxTimeout : timeout;
        var outcome = await ShellRunner.RunAsync(prepared, timeout, _options.MaxOutputChars, cancellationToken).ConfigureAwait(false);
        return Describe(outcome, timeout, capped);
    }

    private ToolResult Describe(ShellOutcome outcome, TimeSpan timeout, bool timeoutCapped)
    {
        var text = new StringBuilder();
        var elapsed = outcome.Duration.TotalSeconds.ToString("0.0#", CultureInfo.InvariantCulture);
        text.Append(outcome.TimedOut
            ? $"Timed out after {Seconds(timeout)} s; the command and all its child processes were killed."
            : $"Exit code {outcome.ExitCode} ({elapsed} s).");
        if (timeoutCapped)
        {
            text.Append(CultureInfo.InvariantCulture, $" (timeout_s capped at {Seconds(_options.ShellMaxTimeout)}.)");
        }

        if (outcome.PipesLeftOpen)
        {
            text.Append(" Background processes still hold stdout/stderr; their later output is not captured (use background=true, or redirect it to a file).");
        }

        var output = outcome.Output.ToString();
        text.Append('\n').Append(output.Length == 0 ? "(no output)" : output);

        var data = JsonSerializer.SerializeToElement(
            new RunShellData(outcome.ExitCode, outcome.TimedOut, outcome.Output.Truncated, (long)outcome.Duration.TotalMilliseconds, outcome.Output.TotalChars),
            ToolsJsonContext.Default.RunShellData);
        return ToolResult.Ok(text.ToString(), data);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
