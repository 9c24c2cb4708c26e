namespace Chitin.Cli.Rendering;

/// <summary>
/// <c>chitin doctor --json</c> "confinement": what confines shell commands here. <see cref="Active"/> is bubblewrap,
/// landlock or none; <see cref="LandlockAbi"/> is the kernel's Landlock ABI (0: none), whichever is active.
/// </summary>
public sealed record DoctorConfinement(string Active, int LandlockAbi, bool NetworkBlocked);
