namespace Chitin.Security.Permissions;

/// <summary>Chitin's built-in layer: a few commands that only look around run without asking.</summary>
public static class PermissionDefaults
{
    public static PermissionLayer Layer { get; } = new(
        PermissionSource.Defaults,
        "built-in",
        new PermissionSettings { Allow = ["run_shell(pwd)", "run_shell(ls*)", "run_shell(git status*)"] });
}
