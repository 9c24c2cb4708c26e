namespace Chitin.Cli.Tests.Support;

/// <summary>Waits for a condition that has no event to wait on (another process's database, a server's request log).</summary>
public static class Polling
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan deadline, string? what = null) =>
        await UntilAsync(() => Task.FromResult(condition()), deadline, what);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string? what = null)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"condition not met within {deadline}{(what is null ? "" : ": " + what)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
