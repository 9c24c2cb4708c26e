namespace Chitin.Security.Permissions;

/// <summary>Where a layer of permission settings comes from, highest precedence first.</summary>
public enum PermissionSource
{
    /// <summary>The organisation's policy file (/etc/chitin/managed.json or $CHITIN_MANAGED_POLICY).</summary>
    Managed,

    /// <summary>Flags of this run (--allow, --deny, --mode ...).</summary>
    CommandLine,

    /// <summary>The repository's .chitin/config.json.</summary>
    Project,

    /// <summary>$CHITIN_HOME/config.json.</summary>
    User,

    /// <summary>Chitin's built-in defaults.</summary>
    Defaults,
}
