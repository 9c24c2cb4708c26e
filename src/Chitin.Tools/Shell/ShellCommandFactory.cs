namespace Chitin.Tools.Shell;

/// <summary>
/// Turns a command line into a process to start: inside the configured sandbox when the policy asks for one,
/// with the minimal child environment (see <see cref="ChildEnvironment"/>). Shared by run_shell's foreground and background paths, so the
/// "no sandbox" warning is given once per session whichever path runs first.
/// </summary>
internal sealed class ShellCommandFactory(BuiltInToolOptions options, ShellLauncher launcher)
{
    /// <summary>The actionable part of a refusal; --yes approves commands but is no opt-out of the sandbox.</summary>
    internal const string HowToFix =
        "Install bubblewrap (e.g. apt-get install bubblewrap) on a system that allows unprivileged user namespaces, "
        + "or opt out explicitly with \"sandbox\": {\"mode\": \"off\"} in the config to run commands unconfined; --yes does not turn the sandbox off.";

    private readonly ConcurrentDictionary<string, bool> _warnedSessions = new(StringComparer.Ordinal);

    public bool TryPrepare(string command, ToolContext context, [NotNullWhen(true)] out PreparedShellCommand? prepared, [NotNullWhen(false)] out string? error)
    {
        prepared = null;
        error = null;
        var sandbox = options.SandboxMode != SandboxMode.Off && options.Sandbox is { IsAvailable: true } usable ? usable : null;
        string? warning = null;
        System.Diagnostics.ProcessStartInfo startInfo;
        if (sandbox is not null)
        {
            SandboxedCommand wrapped;
            try
            {
                wrapped = sandbox.Wrap(SandboxRequestFor(command, context));
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException)
            {
                error = $"run_shell cannot start: the {sandbox.Name} sandbox refused the command: {ex.Message}";
                return false;
            }

            startInfo = launcher.CreateStartInfo(wrapped.FileName, wrapped.Arguments, context.Workspace);
        }
        else
        {
            var reason = options.Sandbox is null
                ? "no sandbox is configured"
                : $"{options.Sandbox.Name} cannot run on this machine" + (options.Sandbox.UnavailableReason is { } why ? $" ({why})" : "");
            if (options.SandboxMode == SandboxMode.Required)
            {
                error = $"run_shell refused: policy requires a sandbox but none is available: {reason}. {HowToFix}";
                return false;
            }

            // A configured sandbox that cannot run is no consent to run unconfined: only sandbox.mode off is.
            if (options.SandboxMode == SandboxMode.Preferred && options.Sandbox is not null)
            {
                error = $"run_shell refused: no sandbox can run here: {reason}. {HowToFix}";
                return false;
            }

            if (options.SandboxMode == SandboxMode.Preferred && _warnedSessions.TryAdd(context.SessionId, true))
            {
                warning = $"Warning: commands run without a sandbox ({reason}); they can change anything this user can.";
            }

            startInfo = launcher.CreateStartInfo(command, context.Workspace);
        }

        ChildEnvironment.ApplyTo(startInfo.Environment, ChildEnvironment.Build(
            passThrough: options.ShellEnvironmentPassthrough,
            set: ShellLauncher.NonInteractive.Concat(options.ShellEnvironment)));
        prepared = new PreparedShellCommand(startInfo, launcher.OwnProcessGroup, warning, sandbox?.Name);
        return true;
    }

    private SandboxRequest SandboxRequestFor(string command, ToolContext context)
    {
        var workspace = Path.GetFullPath(context.Workspace);
        return new SandboxRequest(launcher.Shell, command, workspace)
        {
            AllowNetwork = options.AllowNetwork,
            WritableDirectories = context.AllowedDirectories
                .Where(directory => !string.IsNullOrWhiteSpace(directory))
                .Select(directory => Path.GetFullPath(directory, workspace))
                .Where(Directory.Exists)
                .Distinct(StringComparer.Ordinal)
                .ToArray(),
            ReadOnlyDirectories = Directory.Exists(context.ArtifactsDirectory) ? [Path.GetFullPath(context.ArtifactsDirectory)] : [],
        };
    }
}
