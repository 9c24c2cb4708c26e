namespace Chitin.Core.Sessions;

public enum MessageKind
{
    /// <summary>An ordinary transcript entry sent to the model.</summary>
    Message,

    /// <summary>
    /// A compaction marker: from here on the context replaces messages up to <see cref="SessionMessage.CompactsThrough"/>
    /// with this marker's summary text and stubs tool results up to <see cref="SessionMessage.PrunedThrough"/>.
    /// The messages themselves stay in the store.
    /// </summary>
    Compaction,
}
