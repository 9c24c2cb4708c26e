namespace Chitin.Channels.Delivery;

/// <summary>What a channel does with a message that arrives while its conversation's turn is running ("midTurn").</summary>
public enum MidTurnMode
{
    /// <summary>It waits and is answered by a turn of its own, in arrival order (the default).</summary>
    Queue,

    /// <summary>It is handed to the running turn, whose model sees it at its next step; that turn's answer answers it too.</summary>
    Steer,
}
