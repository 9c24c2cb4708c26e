namespace Chitin.Gateway.Realtime;

/// <summary>Where a session's frames go: one <c>/ws</c> connection. Posting never blocks the turn that produced the frame.</summary>
public interface IFrameSink
{
    /// <summary>Queues one frame body (a JSON object without "seq"); false when the sink is full or closed.</summary>
    bool TryPost(byte[] body);
}
