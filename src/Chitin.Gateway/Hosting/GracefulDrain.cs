namespace Chitin.Gateway.Hosting;

/// <summary>
/// On shutdown (SIGTERM, Ctrl-C) running turns get the grace period to finish; those still running then are cancelled
/// and parked (their sessions stay consistent; the next message resumes them). Starts when the app begins stopping,
/// before Kestrel waits for the open streams, which end with their turns.
/// </summary>
internal sealed class GracefulDrain(TurnExecutor executor, IHostApplicationLifetime lifetime, TimeSpan grace) : IHostedService
{
    private Task _drain = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _drain = executor.DrainAsync(grace, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _drain.WaitAsync(cancellationToken);
}
