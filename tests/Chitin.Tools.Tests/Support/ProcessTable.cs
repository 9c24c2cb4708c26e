using System.Diagnostics;

namespace Chitin.Tools.Tests.Support;

/// <summary>Looks processes up in /proc; a zombie counts as gone (it no longer runs).</summary>
public static class ProcessTable
{
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes; returns whether it held.</summary>
    public static async Task<bool> PollAsync(Func<bool> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(20); // polling interval: there is no event for "a process outside our tree died"
        }

        return true;
    }

    public static async Task<int> ReadPidFileAsync(string path)
    {
        Assert.True(await PollAsync(() => File.Exists(path) && File.ReadAllText(path).Trim().Length > 0, TimeSpan.FromSeconds(10)),
            $"pid file {path} was never written");
        return int.Parse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Kills a leftover process a test started on purpose (by its exact pid).</summary>
    public static void KillIfRunning(int pid)
    {
        if (IsRunning(pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
            }
        }
    }
}
