namespace Chitin.Mcp.Tests.Support;

/// <summary>Time limits for awaits, so a hung server fails the test instead of hanging the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Limit);

    public static Task Within(this Task task) => task.WaitAsync(Limit);
}
