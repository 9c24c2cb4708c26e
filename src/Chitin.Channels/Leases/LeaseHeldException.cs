namespace Chitin.Channels.Leases;

/// <summary>Another process holds the lease (another poller for the same bot token).</summary>
public sealed class LeaseHeldException : Exception
{
    public LeaseHeldException(string message)
        : base(message)
    {
    }

    public LeaseHeldException()
    {
    }

    public LeaseHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
