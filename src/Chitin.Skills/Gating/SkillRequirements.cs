namespace Chitin.Skills.Gating;

/// <summary>
/// What a skill needs from the machine, declared in its <c>metadata</c> (string values, space- or comma-separated):
/// <list type="bullet">
/// <item><c>requires-bins: "git jq"</c>: every one of these executables on PATH.</item>
/// <item><c>requires-any-bins: "docker podman"</c>: at least one of these on PATH.</item>
/// <item><c>requires-env: "GITHUB_TOKEN"</c>: every one of these environment variables set and not empty.</item>
/// <item><c>os: "linux macos"</c>: one of these operating systems (linux, macos, windows).</item>
/// </list>
/// A skill whose needs are unmet is hidden, with the reason shown in <c>chitin skills list</c>.
/// </summary>
public sealed record SkillRequirements(
    IReadOnlyList<string> Binaries,
    IReadOnlyList<string> AnyBinaries,
    IReadOnlyList<string> EnvironmentVariables,
    IReadOnlyList<string> OperatingSystems)
{
    public const string BinariesKey = "requires-bins";
    public const string AnyBinariesKey = "requires-any-bins";
    public const string EnvironmentKey = "requires-env";
    public const string OperatingSystemKey = "os";

    public static SkillRequirements None { get; } = new([], [], [], []);

    public bool IsEmpty => Binaries.Count == 0 && AnyBinaries.Count == 0 && EnvironmentVariables.Count == 0 && OperatingSystems.Count == 0;

    public static SkillRequirements From(SkillManifest? manifest) => manifest is null ? None : FromMetadata(manifest.Metadata);

    public static SkillRequirements FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new SkillRequirements(Words(metadata, BinariesKey), Words(metadata, AnyBinariesKey), Words(metadata, EnvironmentKey), Words(metadata, OperatingSystemKey));
    }

    private static string[] Words(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value)
            ? value.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray()
            : [];
}
