namespace Chitin.Security.Permissions;

/// <summary>A person's answer to a permission prompt.</summary>
public enum PermissionAnswer
{
    No,
    Yes,

    /// <summary>Yes, and do not ask again in this session for the same tool and command (see <see cref="PermissionPrompt.SessionKeys"/>).</summary>
    AlwaysForSession,
}
