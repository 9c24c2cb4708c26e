namespace Chitin.Memory.Retrieval;

/// <summary>How scope keys are stored (scopes and layers themselves are stored under their <c>StoredNames</c>).</summary>
internal static class ScopeCodes
{
    /// <summary>Project keys are full paths: one trailing separator more or less must not hide a project's memory.</summary>
    public static string NormalizeKey(MemoryScope scope, string key) =>
        scope == MemoryScope.Project && key.Length > 1 ? Path.TrimEndingDirectorySeparator(key) : key;
}
