namespace Chitin.Hosting.Trust;

/// <summary>trust.json cannot be read or written; the message names the file and what to do.</summary>
public sealed class TrustStoreException : Exception
{
    public TrustStoreException()
    {
    }

    public TrustStoreException(string message)
        : base(message)
    {
    }

    public TrustStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
