namespace Chitin.Storage.Checkpoints;

/// <summary>A rewind or listing that cannot be done; the message says why and what to do.</summary>
public class CheckpointException : Exception
{
    public CheckpointException()
    {
    }

    public CheckpointException(string message)
        : base(message)
    {
    }

    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
