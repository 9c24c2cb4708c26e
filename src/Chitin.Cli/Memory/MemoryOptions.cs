namespace Chitin.Cli.Memory;

/// <summary>Options the memory commands share, described once.</summary>
internal static class MemoryOptions
{
    public static Option<string> Agent() => new("--agent")
    {
        Description = "Agent profile whose private (agent-scope) memory is included; other profiles' private items are never shown.",
        DefaultValueFactory = _ => "default",
        HelpName = "name",
    };

    public static Option<string?> Scope(string what) => new("--scope") { Description = $"{what}: user, project, agent or session.", HelpName = "scope" };

    public static Option<string?> Layer(string what) => new("--layer") { Description = $"{what}: semantic, procedural, episodic or working.", HelpName = "layer" };

    public static Option<bool> History(string what) => new("--history") { Description = what };

    public static Option<bool> Json(string what) => CommonOptions.Json(what);

    /// <summary>Parses an optional scope name; null when absent. Throws <see cref="MemoryUsageException"/> when unknown.</summary>
    public static MemoryScope? ParseScope(string? text) =>
        text is null ? null
        : MemoryNames.TryParseScope(text, out var scope) ? scope
        : throw new MemoryUsageException($"--scope must be user, project, agent or session, got '{text}'");

    public static MemoryLayer? ParseLayer(string? text) =>
        text is null ? null
        : MemoryNames.TryParseLayer(text, out var layer) ? layer
        : throw new MemoryUsageException($"--layer must be semantic, procedural, episodic or working, got '{text}'");

    /// <summary>Checks a --limit value: from 1 to <paramref name="most"/>. Throws <see cref="MemoryUsageException"/> otherwise.</summary>
    public static int Limit(int value, int most) =>
        value >= 1 && value <= most ? value : throw new MemoryUsageException($"--limit must be from 1 to {most}, got {value}");
}
