namespace Chitin.Tools.Web;

/// <summary>An HTTP tool was about to connect to an address the SSRF guard blocks; the message says how to allow it.</summary>
public sealed class EgressRefusedException : IOException
{
    public EgressRefusedException()
    {
    }

    public EgressRefusedException(string message)
        : base(message)
    {
    }

    public EgressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Finds the refusal in an exception chain (SocketsHttpHandler wraps it in an HttpRequestException).</summary>
    public static EgressRefusedException? FindIn(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is EgressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
