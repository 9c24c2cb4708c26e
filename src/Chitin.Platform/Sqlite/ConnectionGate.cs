namespace Chitin.Platform.Sqlite;

/// <summary>
/// One caller at a time on a store's long-lived connection. Microsoft.Data.Sqlite runs synchronously anyway, so the
/// work runs inline once the gate is taken; only waiting for the gate is asynchronous (and cancellable). Once the work
/// starts it completes or rolls back as a whole. A SQLite error becomes a <see cref="DatabaseException"/> naming the
/// file and what the store was doing.
/// </summary>
/// <param name="databasePath">The file the connection is open on, for error messages.</param>
/// <param name="owner">The store, named by <see cref="ObjectDisposedException"/> after <see cref="CloseAsync"/>.</param>
public sealed class ConnectionGate(string databasePath, object owner)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _closed;

    /// <param name="action">Completes "could not …" in error messages, for example "list sessions".</param>
    public Task RunAsync(string action, Action work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            action,
            () =>
            {
                work();
                return true;
            },
            cancellationToken);
    }

    public Task<T> RunAsync<T>(string action, Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(action, () => Task.FromResult(work()), cancellationToken);
    }

    /// <summary>As the others, for work that waits on a helper thread while holding the gate.</summary>
    public async Task<T> RunAsync<T>(string action, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, owner);
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw DatabaseErrors.From(ex, databasePath, action);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="close"/> once, when no work is running; work asked for afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask CloseAsync(Action close)
    {
        ArgumentNullException.ThrowIfNull(close);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            close();
        }
        finally
        {
            _gate.Release();
        }
    }
}
