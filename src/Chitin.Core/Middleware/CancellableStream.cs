namespace Chitin.Core.Middleware;

/// <summary>
/// Ends a stream as soon as the token fires, even when a provider's SDK reads its body without observing the token
/// (a stalled stream would otherwise ignore Ctrl-C and the call timeout). The abandoned read is disposed in the
/// background when it completes.
/// </summary>
internal static class CancellableStream
{
    public static async IAsyncEnumerable<ChatResponseUpdate> Of(IAsyncEnumerable<ChatResponseUpdate> source, [EnumeratorCancellation] CancellationToken ct)
    {
        var enumerator = source.GetAsyncEnumerator(ct);
        var abandoned = false;
        try
        {
            while (true)
            {
                var next = enumerator.MoveNextAsync();
                bool hasNext;
                if (next.IsCompleted)
                {
                    hasNext = next.Result;
                }
                else
                {
                    var pending = next.AsTask();
                    try
                    {
                        hasNext = await pending.WaitAsync(ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested && !pending.IsCompleted)
                    {
                        abandoned = true;
                        _ = pending.ContinueWith(static (t, e) => { _ = t.Exception; return ((IAsyncEnumerator<ChatResponseUpdate>)e!).DisposeAsync().AsTask(); }, enumerator, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                        throw;
                    }
                }

                if (!hasNext)
                {
                    yield break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            if (!abandoned)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
