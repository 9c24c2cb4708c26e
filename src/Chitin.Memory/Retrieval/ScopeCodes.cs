using Chitin.Memory.Model;

namespace Chitin.Memory.Retrieval;

/// <summary>The stable lowercase names scopes and layers are stored under, and how near each scope is to the viewer.</summary>
internal static class ScopeCodes
{
    public static string Name(MemoryScope scope) => scope switch
    {
        MemoryScope.User => "user",
        MemoryScope.Project => "project",
        MemoryScope.Agent => "agent",
        MemoryScope.Session => "session",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown memory scope."),
    };

    public static MemoryScope ReadScope(string name) => name switch
    {
        "user" => MemoryScope.User,
        "project" => MemoryScope.Project,
        "agent" => MemoryScope.Agent,
        "session" => MemoryScope.Session,
        _ => throw new FormatException($"Unknown memory scope '{name}' in the database."),
    };

    public static string Name(MemoryLayer layer) => layer switch
    {
        MemoryLayer.Working => "working",
        MemoryLayer.Episodic => "episodic",
        MemoryLayer.Semantic => "semantic",
        MemoryLayer.Procedural => "procedural",
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "Unknown memory layer."),
    };

    public static MemoryLayer ReadLayer(string name) => name switch
    {
        "working" => MemoryLayer.Working,
        "episodic" => MemoryLayer.Episodic,
        "semantic" => MemoryLayer.Semantic,
        "procedural" => MemoryLayer.Procedural,
        _ => throw new FormatException($"Unknown memory layer '{name}' in the database."),
    };

    /// <summary>Project keys are full paths: one trailing separator more or less must not hide a project's memory.</summary>
    public static string NormalizeKey(MemoryScope scope, string key) =>
        scope == MemoryScope.Project && key.Length > 1 ? Path.TrimEndingDirectorySeparator(key) : key;
}
