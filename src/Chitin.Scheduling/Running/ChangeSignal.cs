namespace Chitin.Scheduling.Running;

/// <summary>A wake-up for a loop that sleeps: take <see cref="Next"/> before reading state, then wait on it with the timer.</summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Raise"/> after it was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
