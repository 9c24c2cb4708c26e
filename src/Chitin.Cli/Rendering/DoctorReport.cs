namespace Chitin.Cli.Rendering;

/// <summary><c>chitin doctor --json</c>: ok is false when any check failed.</summary>
public sealed record DoctorReport(bool Ok, IReadOnlyList<DoctorCheck> Checks);
