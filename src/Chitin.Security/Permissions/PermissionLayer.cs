namespace Chitin.Security.Permissions;

/// <summary>One source of permission settings.</summary>
/// <param name="Origin">The file path or the flag (e.g. "--allow") the settings came from; shown in every message.</param>
public sealed record PermissionLayer(PermissionSource Source, string Origin, PermissionSettings Settings)
{
    /// <summary>How messages and the audit log name this layer, e.g. "managed: /etc/chitin/managed.json".</summary>
    public string Describe() => $"{SourceName(Source)}: {Origin}";

    public static string SourceName(PermissionSource source) => source switch
    {
        PermissionSource.Managed => "managed",
        PermissionSource.CommandLine => "cli",
        PermissionSource.Project => "project",
        PermissionSource.User => "user",
        _ => "defaults",
    };
}
