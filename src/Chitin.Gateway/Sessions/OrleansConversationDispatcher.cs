namespace Chitin.Gateway.Sessions;

/// <summary>
/// <see cref="IConversationDispatcher"/> on Orleans: every conversation key is a <see cref="ISessionGrain"/>, wherever
/// in the cluster it is active. Channels, cron and the HTTP APIs all send through here.
/// </summary>
public sealed class OrleansConversationDispatcher(IGrainFactory grains) : IConversationDispatcher
{
    public const int MaxSessionKeyLength = 256;

    public async IAsyncEnumerable<AgentEvent> SendAsync(ConversationMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in SendAsync(message, NewRunId(), cancellationToken).ConfigureAwait(false))
        {
            if (e is not null)
            {
                yield return e;
            }
        }
    }

    /// <summary>
    /// As <see cref="SendAsync(ConversationMessage, CancellationToken)"/> with the run id the caller shows (/api/runs/{id}).
    /// The first item is null: the message is queued in its conversation (a streaming API can answer its headers then).
    /// </summary>
    public async IAsyncEnumerable<AgentEvent?> SendAsync(ConversationMessage message, string runId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckKey(message.SessionKey);
        var grain = grains.GetGrain<ISessionGrain>(message.SessionKey);
        var request = new TurnRequest { RunId = runId, Text = message.Text, Agent = message.Agent, Source = message.Source, MessageId = message.MessageId };
        await foreach (var e in grain.SendAsync(request).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return e.Json is null ? null : JsonSerializer.Deserialize(e.Json, CoreJsonContext.Default.AgentEvent)
                ?? throw new InvalidOperationException("A session grain sent an empty event.");
        }
    }

    public Task<bool> StopAsync(string sessionKey, CancellationToken cancellationToken)
    {
        CheckKey(sessionKey);
        return grains.GetGrain<ISessionGrain>(sessionKey).StopAsync().WaitAsync(cancellationToken);
    }

    public Task<bool> SteerAsync(string sessionKey, string text, CancellationToken cancellationToken)
    {
        CheckKey(sessionKey);
        return grains.GetGrain<ISessionGrain>(sessionKey).SteerAsync(text).WaitAsync(cancellationToken);
    }

    public static string NewRunId() => "run_" + Guid.CreateVersion7().ToString("N");

    /// <summary>A usable conversation key: 1 to 256 printable characters.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrWhiteSpace(key) && key.Length <= MaxSessionKeyLength && !key.Any(char.IsControl);

    private static void CheckKey(string key)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"A session key must be 1 to {MaxSessionKeyLength} printable characters.", nameof(key));
        }
    }
}
