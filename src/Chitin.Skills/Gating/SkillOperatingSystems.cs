namespace Chitin.Skills.Gating;

/// <summary>The operating system names the <c>os</c> gate uses, and the aliases it accepts for them.</summary>
public static class SkillOperatingSystems
{
    public const string Linux = "linux";
    public const string MacOs = "macos";
    public const string Windows = "windows";

    public static string Current =>
        OperatingSystem.IsLinux() ? Linux
        : OperatingSystem.IsMacOS() ? MacOs
        : OperatingSystem.IsWindows() ? Windows
        : "other";

    /// <summary>"linux", "macos" (also "darwin", "mac", "osx") or "windows" (also "win32", "win"); null for anything else.</summary>
    public static string? Normalize(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "linux" => Linux,
        "macos" or "darwin" or "mac" or "osx" => MacOs,
        "windows" or "win32" or "win" => Windows,
        _ => null,
    };
}
