namespace Chitin.Security.Tests.Support;

/// <summary>Waits for a condition that has no event to wait on (a process disappearing), up to a deadline.</summary>
public static class Poll
{
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan deadline)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var giveUpAt = DateTime.UtcNow + deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > giveUpAt)
            {
                return false;
            }

            await timer.WaitForNextTickAsync();
        }

        return true;
    }

    /// <summary>True when the process no longer runs (gone, or a zombie waiting to be reaped).</summary>
    public static bool ProcessIsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is 'Z' or 'X';
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }
    }
}
