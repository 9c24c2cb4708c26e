using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Chitin.Core.Tools;
using Chitin.Tools.Arguments;
using Chitin.Tools.Serialization;

namespace Chitin.Tools.Shell;

/// <summary>run_shell: one bash command in the workspace; a non-zero exit is a normal result, not a tool error.</summary>
public sealed class RunShellTool : ITool
{
    private static readonly JsonElement Schema = JsonElement.Parse(
        """
        {"type":"object","properties":{"command":{"type":"string","description":"Bash command line"},"timeout_s":{"type":"integer","minimum":1,"description":"Seconds before the command and its children are killed"}},"required":["command"]}
        """);

    private readonly BuiltInToolOptions _options;
    private readonly ShellLauncher? _launcher = ShellLauncher.Detect();

    public RunShellTool(BuiltInToolOptions? options = null)
    {
        _options = (options ?? new BuiltInToolOptions()).Validated();
        Description = "Run a bash command in the workspace (stdin closed, no TTY). Returns the exit code and stdout+stderr "
                      + $"interleaved; long output keeps head and tail. timeout_s default {Seconds(_options.ShellDefaultTimeout)}, "
                      + $"max {Seconds(_options.ShellMaxTimeout)}.";
    }

    public string Name => "run_shell";

    public string Description { get; }

    public JsonElement ParametersSchema => Schema;

    public ToolTraits Traits => ToolTraits.Destructive;

    public async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var command = arguments.String("command", required: true);
        var requestedSeconds = arguments.Integer("timeout_s", minimum: 1);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (_launcher is null)
        {
            return ToolResult.Error("run_shell cannot start: neither /bin/bash nor /bin/sh exists on this machine.");
        }

        var workspace = invocation.Context.Workspace;
        if (!Directory.Exists(workspace))
        {
            return ToolResult.Error($"run_shell cannot start: the workspace '{workspace}' does not exist.");
        }

        var timeout = requestedSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.ShellDefaultTimeout;
        var capped = timeout > _options.ShellMaxTimeout;
        timeout = capped ? _options.ShellMaxTimeout : timeout;

        ShellOutcome outcome;
        try
        {
            outcome = await new ShellRunner(_launcher)
                .RunAsync(command!, workspace, timeout, _options.MaxOutputChars, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Win32Exception ex)
        {
            return ToolResult.Error($"run_shell could not start {_launcher.Shell}: {ex.Message}");
        }

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
            text.Append(" Background processes still hold stdout/stderr; their later output is not captured (redirect it to a file).");
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
