using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Chitin.Gateway.Tests;

/// <summary>The real built <c>chitin</c> CLI as a child process, with its output captured line by line.</summary>
public sealed partial class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly List<(string Text, TaskCompletionSource Found)> _waiters = [];

    private CliProcess(Process process) => _process = process;

    public static string ChitinDll { get; } = typeof(Chitin.Cli.ChitinCli).Assembly.Location;

    /// <summary>stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The built <c>chitin-gateway</c> itself, without the CLI in front (so a signal reaches the gateway process).</summary>
    public static string GatewayDll { get; } = typeof(Chitin.Gateway.Hosting.GatewayProgram).Assembly.Location;

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory) =>
        Start(ChitinDll, args, environment, workingDirectory);

    public static CliProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => cli.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan deadline)
    {
        var found = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _waiters.Add((text, found));
        }

        try
        {
            await found.Task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{text}' did not appear within {deadline}. Output:\n{Output}");
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
            throw new TimeoutException($"chitin did not exit within {deadline}. Output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as a service manager sends it.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to park or finish anything.</summary>
    public async Task KillAsync(TimeSpan deadline)
    {
        if (SendSignal(_process.Id, 9) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        await WaitForExitAsync(deadline);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Append(line).Append('\n');
            var all = _output.ToString();
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (all.Contains(_waiters[i].Text, StringComparison.Ordinal))
                {
                    _waiters[i].Found.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
