namespace Chitin.Cli.Rendering;

/// <summary><c>chitin doctor --json</c>: ok is false when any check failed.</summary>
public sealed record DoctorReport(bool Ok, IReadOnlyList<DoctorCheck> Checks)
{
    /// <summary>Which sandbox confines shell commands (bubblewrap, landlock or none).</summary>
    public DoctorConfinement? Confinement { get; init; }
}
