using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tests.Support;

/// <summary>A model stand-in whose stream stalls after one delta and ignores cancellation, like a badly behaved SDK.</summary>
public sealed class StallingChatClient : IChatClient
{
    private readonly TaskCompletionSource _never = new();

    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new ChatResponseUpdate(ChatRole.Assistant, "partial ");
        Stalled.TrySetResult();
        await _never.Task; // deliberately ignores the token
        yield break;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() => _never.TrySetResult();
}
