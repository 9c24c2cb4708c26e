namespace Chitin.Gateway.Hosting;

/// <summary>
/// Gives back the memory that start-up garbage (configuration, Orleans and Kestrel start-up) left committed: one
/// aggressive, compacting collection shortly after the gateway listens, when the silo has settled. An idle gateway
/// then holds only what it uses.
/// </summary>
internal static class StartupTrim
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(Delay, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
