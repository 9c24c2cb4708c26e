namespace Chitin.Testing.Server;

/// <summary>
/// Keeps the embedded host from listening to Ctrl+C and SIGTERM: the process that owns the server decides when it
/// stops, by disposing it.
/// </summary>
internal sealed class DetachedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
