namespace Chitin.Core.Hooks;

/// <summary>
/// Work a host does when a run stops (memory capture, skill distillation). It gets the run's in-memory transcript and
/// its typed status; nothing is read back from the session store. A failing stop hook never changes the run's result.
/// </summary>
public interface IStopHook
{
    ValueTask OnStopAsync(RunStopped stop, CancellationToken cancellationToken);
}
