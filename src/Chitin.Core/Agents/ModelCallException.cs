namespace Chitin.Core.Agents;

/// <summary>
/// A model call failed. Providers translate their SDK errors into this so the loop can decide whether making the
/// call again can help (<see cref="IsTransient"/>). The message is shown to the user: actionable, never a secret.
/// </summary>
public sealed class ModelCallException : Exception
{
    public ModelCallException()
    {
    }

    public ModelCallException(string message)
        : base(message)
    {
    }

    public ModelCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelCallException(string message, bool isTransient, int? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        StatusCode = statusCode;
    }

    /// <summary>True for dropped connections, 408/409/429/5xx: the same call may succeed later.</summary>
    public bool IsTransient { get; }

    public int? StatusCode { get; }
}
