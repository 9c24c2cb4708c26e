namespace Chitin.Channels.Delivery;

/// <summary>Where a stored inbound message stands. Only <see cref="Answered"/> and <see cref="Failed"/> are final.</summary>
public enum InboundState
{
    /// <summary>Stored; its turn has not started.</summary>
    Received,

    /// <summary>Its turn started; after a crash the turn runs again.</summary>
    Running,

    /// <summary>The turn finished and the reply is stored; after a crash only the reply is sent again, no model call.</summary>
    Replying,

    Answered,

    /// <summary>The turn failed; the person was told, and it is not retried.</summary>
    Failed,
}
