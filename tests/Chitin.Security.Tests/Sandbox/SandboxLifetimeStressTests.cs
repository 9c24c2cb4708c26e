using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Chitin.Core.Tools;
using Chitin.Platform.Processes;
using Chitin.Security.Sandbox;
using Chitin.Security.Tests.Support;
using Xunit.Abstractions;

namespace Chitin.Security.Tests.Sandbox;

/// <summary>
/// bwrap --die-with-parent is killed when the thread that forked it exits. These commands are started from threads
/// that end while the commands still run (fresh threads, long-running tasks) and from a thread pool that is pushed to
/// grow and left to shrink (the test project sets ThreadPool.ThreadTimeoutMs low, so idle pool threads retire):
/// none may die.
/// </summary>
public sealed class SandboxLifetimeStressTests(ITestOutputHelper output) : IDisposable
{
    private const int Commands = 500;
    private const int Concurrency = 16;
    private const int BurstEvery = 25;
    private const int BurstWidth = 24;

    private static readonly BubblewrapSandbox Sandbox = new();
    private readonly TempDirectory _temp = new("chitin-stress-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Five_hundred_short_sandboxed_commands_survive_threads_that_come_and_go()
    {
        Assert.True(Sandbox.IsAvailable, $"bubblewrap must run here: {Sandbox.UnavailableReason}");
        var workspace = _temp.CreateDirectory("ws");
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        var failures = new ConcurrentQueue<string>();
        var completed = 0;
        var poolSizes = new ConcurrentBag<int>();
        using var gate = new SemaphoreSlim(Concurrency);
        using var progress = new SemaphoreSlim(0);
        using var churnStop = new CancellationTokenSource();
        var churn = Task.Run(() => ChurnThreadPoolAsync(progress, poolSizes, churnStop.Token));
        var clock = Stopwatch.StartNew();
        try
        {
            var runs = Enumerable.Range(0, Commands).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var command = Sandbox.Wrap(new SandboxRequest("/bin/sh", $"echo {i}", workspace));
                    var (exitCode, stdout, stderr) = await RunFromAsync((StartFrom)(i % 3), command);
                    if (exitCode != 0 || stdout != $"{i}\n")
                    {
                        failures.Enqueue($"command {i} ({(StartFrom)(i % 3)}): exit {exitCode}, stdout '{stdout.Trim()}', stderr '{stderr.Trim()}'");
                    }
                }
                finally
                {
                    gate.Release();
                    if (Interlocked.Increment(ref completed) % BurstEvery == 0)
                    {
                        progress.Release();
                    }
                }
            });
            await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(3));
        }
        finally
        {
            await churnStop.CancelAsync();
            await churn;
            ThreadPool.SetMinThreads(minWorkers, minIo);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Commands} commands in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} failed; pool threads seen {poolSizes.DefaultIfEmpty().Min()}..{poolSizes.DefaultIfEmpty().Max()}"));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {Commands} sandboxed commands died:\n{string.Join('\n', failures.Take(10))}");
        Assert.True(poolSizes.Max() > poolSizes.Min(), "the thread pool neither grew nor shrank");
    }

    private enum StartFrom
    {
        /// <summary>A thread-pool thread (the pool is growing and shrinking meanwhile).</summary>
        ThreadPool,

        /// <summary>A fresh thread that ends as soon as the command has started.</summary>
        ShortLivedThread,

        /// <summary>A long-running task: a dedicated thread that also ends after the start.</summary>
        LongRunningTask,
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunFromAsync(StartFrom from, SandboxedCommand command)
    {
        var startInfo = new ProcessStartInfo(command.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        switch (from)
        {
            case StartFrom.ThreadPool:
                await Task.Run(() => ChildProcessStarter.StartAsync(process));
                break;
            case StartFrom.ShortLivedThread:
                var thread = new Thread(() => ChildProcessStarter.Start(process));
                thread.Start();
                thread.Join();
                break;
            default:
                await Task.Factory.StartNew(() => ChildProcessStarter.Start(process), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                break;
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// After every <see cref="BurstEvery"/> finished commands: raise the pool's minimum and block <see cref="BurstWidth"/>
    /// work items until all of them run at once (the pool must add threads), release them, then drop the minimum so the
    /// extra threads go idle and retire.
    /// </summary>
    private static async Task ChurnThreadPoolAsync(SemaphoreSlim progress, ConcurrentBag<int> poolSizes, CancellationToken cancellationToken)
    {
        ThreadPool.GetMinThreads(out var baseWorkers, out var baseIo);
        while (true)
        {
            try
            {
                await progress.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            poolSizes.Add(ThreadPool.ThreadCount);
            ThreadPool.SetMinThreads(baseWorkers + BurstWidth + 4, baseIo);
            using var allBlocked = new CountdownEvent(BurstWidth);
            using var release = new ManualResetEventSlim();
            var burst = Enumerable.Range(0, BurstWidth).Select(_ => Task.Run(() =>
            {
                allBlocked.Signal();
                release.Wait(CancellationToken.None);
            })).ToArray();
            allBlocked.Wait(TimeSpan.FromSeconds(30));
            poolSizes.Add(ThreadPool.ThreadCount);
            release.Set();
            await Task.WhenAll(burst);
            ThreadPool.SetMinThreads(baseWorkers, baseIo);
        }
    }
}
