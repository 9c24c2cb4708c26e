namespace Chitin.Cli.Hosting;

/// <summary>
/// Turns Ctrl-C / SIGTERM into cancellation. By default an interrupt stops the whole command
/// (<see cref="Token"/>); while a chat turn is running, Ctrl-C cancels only that turn. A second interrupt
/// during shutdown is not handled, so the process ends at once.
/// </summary>
public sealed class InterruptSource : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _turn;

    /// <summary>Cancelled when the command as a whole should stop.</summary>
    public CancellationToken Token => _stop.Token;

    public bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Routes interrupts to <paramref name="turn"/> until the returned scope is disposed.</summary>
    public IDisposable RouteTo(CancellationTokenSource turn)
    {
        lock (_gate)
        {
            _turn = turn;
        }

        return new Route(this, turn);
    }

    /// <summary>
    /// Handles one interrupt. Returns true when it was absorbed (something is now cancelling), false when the
    /// caller should let the process terminate (nothing to cancel, or already cancelling).
    /// </summary>
    public bool Interrupt(bool terminate)
    {
        lock (_gate)
        {
            if (!terminate && _turn is { IsCancellationRequested: false } turn)
            {
                turn.Cancel();
                return true;
            }

            if (_stop.IsCancellationRequested)
            {
                return false;
            }

            _stop.Cancel();
            return true;
        }
    }

    public void Dispose() => _stop.Dispose();

    private sealed class Route(InterruptSource owner, CancellationTokenSource turn) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                if (ReferenceEquals(owner._turn, turn))
                {
                    owner._turn = null;
                }
            }
        }
    }
}
