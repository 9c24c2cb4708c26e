namespace Chitin.Hosting;

/// <summary>The permission flags of one invocation: --mode, --allow, --deny (the command-line layer) and --yes.</summary>
public sealed record PermissionFlags
{
    public const string Origin = "command line";

    public static PermissionFlags None { get; } = new();

    /// <summary>default, acceptEdits, plan or unrestricted; null keeps what config and policy say.</summary>
    public string? Mode { get; init; }

    public IReadOnlyList<string> Allow { get; init; } = [];

    public IReadOnlyList<string> Deny { get; init; } = [];

    /// <summary>Approves calls that would otherwise be asked about; never what a deny rule or plan mode refuses.</summary>
    public bool Yes { get; init; }

    /// <summary>The command-line permission layer, or null when no flag sets a mode or rule.</summary>
    /// <exception cref="PermissionConfigurationException">--mode names no mode.</exception>
    public PermissionLayer? ToLayer()
    {
        if (Mode is null && Allow.Count == 0 && Deny.Count == 0)
        {
            return null;
        }

        var settings = new PermissionSettings
        {
            Mode = Mode is null ? null : PermissionModes.Parse(Mode, "--mode"),
            Allow = Allow,
            Deny = Deny,
        };
        return new PermissionLayer(PermissionSource.CommandLine, Origin, settings);
    }
}
