namespace Chitin.Security.Sandbox;

/// <summary>The sandbox policy is "required" but no sandbox can run here; the message says why and what to install.</summary>
public sealed class SandboxUnavailableException : Exception
{
    public SandboxUnavailableException()
    {
    }

    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
