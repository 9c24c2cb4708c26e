using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Chitin.Cli.Tests.Support;

/// <summary>The real built <c>chitin</c> (chitin.dll next to the test assembly) as a child process.</summary>
public sealed partial class ChitinProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private ChitinProcess(Process process) => _process = process;

    /// <summary>chitin.dll as built for the test run (the referenced project's output copied next to the tests).</summary>
    public static string ChitinDll { get; } = typeof(ChitinCli).Assembly.Location;

    /// <summary>chitin-dev.dll, the developer tool with the scripted model server (not part of the shipped CLI).</summary>
    public static string DevServerDll { get; } = typeof(Chitin.DevServer.ModelServerCommand).Assembly.Location;

    public int Id => _process.Id;

    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    private const string SignalResetter = "/usr/bin/env";

    /// <param name="dll">The .dll to run with dotnet; chitin.dll unless set.</param>
    /// <param name="binary">A native program to run instead (a published chitin); CHITIN_TEST_BINARY sets it for every test.</param>
    public static ChitinProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory, string? dll = null, string? binary = null)
    {
        binary ??= dll is null ? Environment.GetEnvironmentVariable("CHITIN_TEST_BINARY") : null;
        // Through env --default-signal: a test run started from a shell without job control inherits SIGINT as
        // ignored, the child would keep it so, and the Ctrl-C tests would wait for an exit that never comes.
        var start = new ProcessStartInfo(SignalResetter)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(string.IsNullOrEmpty(binary) ? DotnetHost() : Path.GetFullPath(binary, workingDirectory));
        if (string.IsNullOrEmpty(binary))
        {
            start.ArgumentList.Add(dll ?? ChitinDll);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChitinProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, child._stdout);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, child._stderr);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a stdout line matching <paramref name="match"/>; fails with the output so far after the deadline.</summary>
    public async Task<string> WaitForStdoutLineAsync(Func<string, bool> match, TimeSpan deadline)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _stdout.ToString().Split('\n').FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no matching line within {deadline}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Tells "still running" from "exited, but something still holds its output pipes open".
            var state = _process.HasExited ? $"it exited with {_process.ExitCode} but its output did not end" : "it is still running";
            Kill();
            throw new TimeoutException($"chitin did not exit within {deadline} ({state}).\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no chance to clean up, like a crash or an OOM kill.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends a POSIX signal (SIGINT = 2, SIGTERM = 15) as Ctrl-C or a service manager would.</summary>
    public void Signal(int signal)
    {
        if (SendSignal(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>The dotnet host that runs chitin.dll (the one running the tests when known).</summary>
    public static string DotnetHost() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : OnPath("dotnet");

    private static string OnPath(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists) ?? program;

    private void OnLine(string? line, StringBuilder target)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
            if (!ReferenceEquals(target, _stdout))
            {
                return;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Found.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
