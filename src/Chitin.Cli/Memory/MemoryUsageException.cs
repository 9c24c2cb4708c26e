namespace Chitin.Cli.Memory;

/// <summary>A bad memory command argument; the message says what is expected.</summary>
public sealed class MemoryUsageException : Exception
{
    public MemoryUsageException()
    {
    }

    public MemoryUsageException(string message)
        : base(message)
    {
    }

    public MemoryUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
