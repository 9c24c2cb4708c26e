namespace Chitin.Testing.Wire;

/// <summary>A chat request the server cannot understand; its message goes back to the client in a 400.</summary>
internal sealed class RequestParseException : Exception
{
    public RequestParseException()
    {
    }

    public RequestParseException(string message)
        : base(message)
    {
    }

    public RequestParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
