namespace Chitin.Storage.Checkpoints;

public enum CheckpointKind
{
    /// <summary>One user prompt and everything the agent did for it.</summary>
    Turn,

    /// <summary>A rewind: itself rewindable, which undoes it.</summary>
    Rewind,
}
