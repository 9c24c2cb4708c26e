namespace Chitin.Tools.Web;

/// <summary>A search backend failed; the message says how, for the model and the user.</summary>
public sealed class WebSearchException : Exception
{
    public WebSearchException()
    {
    }

    public WebSearchException(string message)
        : base(message)
    {
    }

    public WebSearchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
