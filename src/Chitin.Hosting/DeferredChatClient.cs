namespace Chitin.Hosting;

/// <summary>
/// A chat client built on its first call (see <see cref="ChatClientCache.Deferred"/>). The cache owns the built client,
/// so disposing this one disposes nothing.
/// </summary>
internal sealed class DeferredChatClient(Func<IChatClient> create) : IChatClient
{
    private readonly Lazy<IChatClient> _inner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.Value.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.Value.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _inner.Value.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
    }
}
