namespace Chitin.Platform.Processes;

/// <summary>
/// Starts child processes from one dedicated thread that lives as long as the process.
/// </summary>
/// <remarks>
/// Children that ask the kernel to die with their parent (bubblewrap's --die-with-parent, the Landlock launcher) use
/// PR_SET_PDEATHSIG, and Linux fires it when the <em>thread</em> that forked them exits, not the process. .NET forks
/// from the calling thread, and thread-pool or dedicated threads come and go, so a child started from an arbitrary
/// thread is SIGKILLed (exit 137) whenever that thread retires. Forking from a thread that never exits keeps
/// "the child dies when Chitin dies" and nothing else. Start is a fork and exec: the queue never holds work long.
/// </remarks>
public static class ChildProcessStarter
{
    private static readonly BlockingCollection<StartRequest> Requests = [];
    private static readonly Thread StartThread = CreateThread();

    /// <summary>Starts <paramref name="process"/> on the long-lived thread and waits for it to have started.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static void Start(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (Environment.CurrentManagedThreadId == StartThread.ManagedThreadId)
        {
            process.Start();
            return;
        }

        StartAsync(process).GetAwaiter().GetResult();
    }

    /// <summary>Starts <paramref name="process"/> on the long-lived thread; completes once it has started.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static Task StartAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var request = new StartRequest(process, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Requests.Add(request);
        return request.Started.Task;
    }

    private static Thread CreateThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "chitin-child-starter" };
        thread.Start();
        return thread;
    }

    private static void Run()
    {
        foreach (var request in Requests.GetConsumingEnumerable())
        {
            try
            {
                request.Process.Start();
                request.Started.SetResult();
            }
            catch (Exception ex)
            {
                request.Started.SetException(ex);
            }
        }
    }

    private sealed record StartRequest(Process Process, TaskCompletionSource Started);
}
