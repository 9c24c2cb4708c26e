namespace Chitin.Security.Permissions;

/// <summary>The config spelling of <see cref="PermissionMode"/> values.</summary>
public static class PermissionModes
{
    public static IReadOnlyList<string> Names { get; } = ["default", "acceptEdits", "plan", "unrestricted"];

    public static string ToName(PermissionMode mode) => mode switch
    {
        PermissionMode.AcceptEdits => "acceptEdits",
        PermissionMode.Plan => "plan",
        PermissionMode.Unrestricted => "unrestricted",
        _ => "default",
    };

    /// <exception cref="PermissionConfigurationException">The name is not a mode; the message names <paramref name="origin"/>.</exception>
    public static PermissionMode Parse(string name, string origin)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return (PermissionMode)i;
            }
        }

        throw new PermissionConfigurationException(
            $"Unknown permission mode \"{name}\" in {origin}: use one of {string.Join(", ", Names)}.");
    }
}
