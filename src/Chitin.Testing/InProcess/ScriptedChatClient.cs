namespace Chitin.Testing.InProcess;

/// <summary>
/// The model stand-in without HTTP, for unit tests of the loop and for measuring harness overhead alone:
/// each call asks a responder for the turn to play back as streaming updates.
/// </summary>
public sealed class ScriptedChatClient : InProcessChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, int, ScriptedTurn> _respond;
    private int _calls;

    public ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, int, ScriptedTurn> respond)
    {
        _respond = respond ?? throw new ArgumentNullException(nameof(respond));
    }

    /// <summary>Plays the turns in order, one per call; a call past the end fails.</summary>
    public static ScriptedChatClient FromTurns(params ScriptedTurn[] turns) =>
        new((_, i) => i < turns.Length ? turns[i] : throw new InvalidOperationException($"Scripted client: script exhausted after {turns.Length} turns."));

    /// <summary>Number of model calls made so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>What each call was sent (copies of the message lists).</summary>
    public List<IReadOnlyList<ChatMessage>> Received { get; } = [];

    /// <summary>The options of each call, in the same order as <see cref="Received"/>.</summary>
    public List<ChatOptions?> ReceivedOptions { get; } = [];

    /// <summary>When false, <see cref="Received"/> is not filled (benchmarks).</summary>
    public bool RecordRequests { get; init; } = true;

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var index = Interlocked.Increment(ref _calls) - 1;
        if (RecordRequests)
        {
            lock (Received)
            {
                Received.Add(list.ToList());
                ReceivedOptions.Add(options?.Clone());
            }
        }

        var turn = _respond(list, index);
        if (turn.Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var model = options?.ModelId ?? "scripted-model";
        var sent = 0;
        foreach (var update in turn.ToUpdates(model))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sent++ == turn.FailAfterUpdates)
            {
                throw new IOException("Scripted client: stream dropped.");
            }

            yield return update;
        }
    }
}
