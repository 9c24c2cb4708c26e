namespace Chitin.Security.Sandbox.Landlock;

/// <summary>
/// The body of the chitin-landlock launcher: confines its own thread with Landlock, then execs the shell in place,
/// so only the command is confined, never Chitin. Managed code cannot run between fork and exec, hence a separate
/// small program that Chitin starts instead of the shell.
/// </summary>
/// <remarks>
/// Usage: chitin-landlock [--parent PID] [--ro PATH]... [--rw PATH]... [--dev PATH]... [--block-network]
/// [--setenv NAME VALUE]... [--unsetenv NAME]... [--chdir PATH] -- PROGRAM ARG...
/// </remarks>
public static class LandlockLauncher
{
    /// <summary>The exit code when the launcher cannot confine or start the command (like a shell's "cannot execute").</summary>
    public const int FailureExitCode = 126;

    /// <summary>Runs the launcher; returns only on failure (success replaces the process with the program).</summary>
    /// <param name="error">Receives a one-line message on failure (a callback, so that Console is only set up then).</param>
    /// <remarks>Start-up cost matters (once per command): no LINQ, no sorted collections, throw helpers out of line.</remarks>
    public static int Run(IReadOnlyList<string> args, Action<string> error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var parsed, out var problem))
        {
            error($"chitin-landlock: {problem}");
            return 2;
        }

        try
        {
            // Die with Chitin like bwrap --die-with-parent; if Chitin already died before this line, stop now.
            _ = LandlockNative.Prctl(LandlockNative.PrSetPdeathsig, LandlockNative.SigKill, 0, 0, 0);
            if (parsed.ParentId is { } parent && LandlockNative.GetParentProcessId() != parent)
            {
                error("chitin-landlock: the process that started the command has exited");
                return FailureExitCode;
            }

            LandlockRuleset.RestrictSelf(parsed.Rules);
            if (parsed.WorkingDirectory is { } directory)
            {
                Directory.SetCurrentDirectory(directory);
            }

            Exec(parsed.Command, parsed.Environment);
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or UnauthorizedAccessException)
        {
            error($"chitin-landlock: {ex.Message}");
        }

        return FailureExitCode;
    }

    private static void Exec(IReadOnlyList<string> command, IDictionary<string, string> environment)
    {
        var allocated = new List<nint>();
        nint Utf8(string text)
        {
            var pointer = Marshal.StringToCoTaskMemUTF8(text);
            allocated.Add(pointer);
            return pointer;
        }

        try
        {
            var argv = new nint[command.Count + 1];
            for (var i = 0; i < command.Count; i++)
            {
                argv[i] = Utf8(command[i]);
            }

            var envp = new nint[environment.Count + 1];
            var next = 0;
            foreach (var (name, value) in environment)
            {
                envp[next++] = Utf8(name + "=" + value);
            }

            _ = LandlockNative.Execve(argv[0], argv, envp);
            ThrowExecFailed(command[0], Marshal.GetLastPInvokeError());
        }
        finally
        {
            allocated.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private static void ThrowExecFailed(string program, int errno) =>
        throw new Win32Exception(errno, $"cannot execute {program}: {new Win32Exception(errno).Message}");

    private sealed record Parsed(LandlockRules Rules, int? ParentId, string? WorkingDirectory, IDictionary<string, string> Environment, IReadOnlyList<string> Command);

    private static bool TryParse(IReadOnlyList<string> args, out Parsed parsed, out string problem)
    {
        List<string> readOnly = [], writable = [], devices = [];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        int? parent = null;
        string? workingDirectory = null;
        var blockNetwork = false;
        parsed = null!;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => ++i < args.Count ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--ro": readOnly.Add(Next()); break;
                    case "--rw": writable.Add(Next()); break;
                    case "--dev": devices.Add(Next()); break;
                    case "--block-network": blockNetwork = true; break;
                    case "--chdir": workingDirectory = Next(); break;
                    case "--parent": parent = int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "--setenv": environment[Next()] = Next(); break;
                    case "--unsetenv": environment.Remove(Next()); break;
                    case "--" when i + 1 < args.Count:
                        var command = new string[args.Count - i - 1];
                        for (var j = 0; j < command.Length; j++)
                        {
                            command[j] = args[i + 1 + j];
                        }

                        parsed = new Parsed(new LandlockRules(readOnly, writable, devices, blockNetwork), parent, workingDirectory, environment, command);
                        problem = "";
                        return true;
                    default:
                        problem = $"unknown option {args[i]}";
                        return false;
                }
            }
            catch (FormatException ex)
            {
                problem = ex.Message;
                return false;
            }
        }

        problem = "missing -- PROGRAM ARG...";
        return false;
    }
}
