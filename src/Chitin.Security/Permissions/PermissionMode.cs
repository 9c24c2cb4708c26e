namespace Chitin.Security.Permissions;

/// <summary>What happens to a call no rule matched. Written in config as default, acceptEdits, plan, unrestricted.</summary>
public enum PermissionMode
{
    /// <summary>Read-only tools run (file reads inside the workspace); everything else asks.</summary>
    Default,

    /// <summary>Like <see cref="Default"/>, and write_file/edit_file inside the workspace run too; commands still ask.</summary>
    AcceptEdits,

    /// <summary>Read-only: every tool without ToolTraits.ReadOnly is denied.</summary>
    Plan,

    /// <summary>Everything not denied or explicitly asked about runs. Managed policy can forbid it.</summary>
    Unrestricted,
}
