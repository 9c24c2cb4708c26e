namespace Chitin.Security.Hooks;

/// <summary>The "hooks" config section is invalid; the message names the entry and the file it came from.</summary>
public sealed class HookConfigurationException : Exception
{
    public HookConfigurationException()
    {
    }

    public HookConfigurationException(string message)
        : base(message)
    {
    }

    public HookConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
