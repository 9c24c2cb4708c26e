namespace Chitin.Providers.Chat;

/// <summary>
/// Tries models in order. A model that fails with a <see cref="ModelCallException"/> that another model could avoid
/// (transient after retries, 404 model not found, 5xx) before any content was streamed hands over to the next one;
/// once updates have flowed, or for auth and request errors, the exception is rethrown. Every response and
/// update carries the id of the model actually used in <c>ModelId</c>, which the loop meters by.
/// </summary>
public sealed class FallbackChatClient : IChatClient
{
    private readonly IReadOnlyList<ModelCandidate> _candidates;
    private readonly ILogger _logger;

    public FallbackChatClient(IEnumerable<ModelCandidate> candidates, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        _candidates = [.. candidates];
        if (_candidates.Count == 0)
        {
            throw new ArgumentException("At least one model is needed.", nameof(candidates));
        }

        _logger = logger ?? NullLogger.Instance;
    }

    public IReadOnlyList<ModelCandidate> Candidates => _candidates;

    /// <summary>Whether a failure of one model is worth trying the next for.</summary>
    public static bool ShouldFallBack(ModelCallException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode switch
        {
            401 or 403 => false,
            404 => true,
            >= 500 => true,
            _ => exception.IsTransient,
        };
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        IList<ChatMessage> history = messages as IList<ChatMessage> ?? [.. messages];
        for (int i = 0; ; i++)
        {
            ModelCandidate candidate = _candidates[i];
            try
            {
                ChatResponse response = await candidate.Client
                    .GetResponseAsync(history, ForModel(options, candidate.ModelId), cancellationToken)
                    .ConfigureAwait(false);
                response.ModelId = candidate.ModelId;
                return response;
            }
            catch (ModelCallException ex) when (CanMoveOn(i, ex))
            {
                ProvidersLog.FallingBack(_logger, candidate.ModelId, ex.Message, _candidates[i + 1].ModelId);
            }
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IList<ChatMessage> history = messages as IList<ChatMessage> ?? [.. messages];
        for (int i = 0; i < _candidates.Count; i++)
        {
            ModelCandidate candidate = _candidates[i];
            IAsyncEnumerator<ChatResponseUpdate> updates = candidate.Client
                .GetStreamingResponseAsync(history, ForModel(options, candidate.ModelId), cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            await using (updates.ConfigureAwait(false))
            {
                bool first = true;
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        hasNext = await updates.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (ModelCallException ex) when (first && CanMoveOn(i, ex))
                    {
                        ProvidersLog.FallingBack(_logger, candidate.ModelId, ex.Message, _candidates[i + 1].ModelId);
                        break;
                    }

                    if (!hasNext)
                    {
                        yield break;
                    }

                    ChatResponseUpdate update = updates.Current;

                    // Empty updates (Anthropic's message_start) deliver nothing, so a failure right after one can still fall back.
                    first &= update.Contents.Count == 0;
                    update.ModelId = candidate.ModelId;
                    yield return update;
                }
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        if (serviceKey is null && serviceType == typeof(ChatClientMetadata))
        {
            ChatClientMetadata? inner = _candidates[0].Client.GetService<ChatClientMetadata>();
            return new ChatClientMetadata(inner?.ProviderName, inner?.ProviderUri, _candidates[0].ModelId);
        }

        return _candidates[0].Client.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        foreach (ModelCandidate candidate in _candidates)
        {
            candidate.Client.Dispose();
        }
    }

    private bool CanMoveOn(int index, ModelCallException exception) => index + 1 < _candidates.Count && ShouldFallBack(exception);

    private static ChatOptions ForModel(ChatOptions? options, string modelId)
    {
        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = modelId;
        return copy;
    }
}
