namespace Chitin.Security.Permissions;

/// <summary>Permission settings cannot be used; the message names the rule or key and the file or flag it came from.</summary>
public sealed class PermissionConfigurationException : Exception
{
    public PermissionConfigurationException()
    {
    }

    public PermissionConfigurationException(string message)
        : base(message)
    {
    }

    public PermissionConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
