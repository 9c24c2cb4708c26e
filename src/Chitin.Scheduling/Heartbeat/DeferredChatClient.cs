using Microsoft.Extensions.AI;

namespace Chitin.Scheduling.Heartbeat;

/// <summary>
/// A chat client made on its first call: an idle gateway whose heartbeat has no work never builds the provider
/// client (nor loads its SDK). The host's client cache owns and disposes the real client.
/// </summary>
internal sealed class DeferredChatClient(Func<IChatClient> create) : IChatClient
{
    private readonly Lazy<IChatClient> _inner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.Value.GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        _inner.Value.GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(DeferredChatClient) ? this : _inner.Value.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        // Not the owner: the client cache disposes the real client.
    }
}
