using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;

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
    public static int Run(IReadOnlyList<string> args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var parsed, out var problem))
        {
            error.WriteLine($"chitin-landlock: {problem}");
            return 2;
        }

        try
        {
            // Die with Chitin like bwrap --die-with-parent; if Chitin already died before this line, stop now.
            _ = LandlockNative.Prctl(LandlockNative.PrSetPdeathsig, LandlockNative.SigKill, 0, 0, 0);
            if (parsed.ParentId is { } parent && LandlockNative.GetParentProcessId() != parent)
            {
                error.WriteLine("chitin-landlock: the process that started the command has exited");
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
            error.WriteLine($"chitin-landlock: {ex.Message}");
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
            nint[] argv = [.. command.Select(Utf8), 0];
            nint[] envp = [.. environment.Select(pair => Utf8(pair.Key + "=" + pair.Value)), 0];
            _ = LandlockNative.Execve(argv[0], argv, envp);
            var errno = Marshal.GetLastPInvokeError();
            throw new Win32Exception(errno, $"cannot execute {command[0]}: {new Win32Exception(errno).Message}");
        }
        finally
        {
            allocated.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private sealed record Parsed(LandlockRules Rules, int? ParentId, string? WorkingDirectory, IDictionary<string, string> Environment, IReadOnlyList<string> Command);

    private static bool TryParse(IReadOnlyList<string> args, out Parsed parsed, out string problem)
    {
        List<string> readOnly = [], writable = [], devices = [];
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
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
                        parsed = new Parsed(new LandlockRules(readOnly, writable, devices, blockNetwork), parent, workingDirectory, environment, [.. args.Skip(i + 1)]);
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
