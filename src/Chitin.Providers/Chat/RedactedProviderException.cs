namespace Chitin.Providers.Chat;

/// <summary>
/// Stands in for an SDK exception whose text contained the API key (a server echoed it): same type name and
/// message with the key replaced, so logging the <c>ModelCallException</c> with its inner chain cannot leak it.
/// </summary>
internal sealed class RedactedProviderException : Exception
{
    public RedactedProviderException()
    {
    }

    public RedactedProviderException(string message)
        : base(message)
    {
    }

    public RedactedProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static Exception Redact(Exception exception, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || !exception.ToString().Contains(secret, StringComparison.Ordinal))
        {
            return exception;
        }

        return new RedactedProviderException($"{exception.GetType().FullName}: {exception.Message.Replace(secret, "***", StringComparison.Ordinal)}");
    }
}
