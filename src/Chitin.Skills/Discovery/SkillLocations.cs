namespace Chitin.Skills.Discovery;

/// <summary>
/// Where skills are looked for. In the workspace: <c>.chitin/skills/</c>, <c>.agents/skills/</c> and
/// <c>.claude/skills/</c>; then <see cref="UserSkillsDirectory"/> (<c>$CHITIN_HOME/skills</c>); then
/// <see cref="BuiltInDirectory"/>. Any of them may be null to leave that origin out.
/// </summary>
public sealed record SkillLocations(string? Workspace, string? UserSkillsDirectory, string? BuiltInDirectory)
{
    /// <summary>Name of the folder, next to the Chitin assemblies, that holds the skills shipped with Chitin.</summary>
    public const string BuiltInFolderName = "BuiltIn";

    /// <summary>The built-in skills folder of this installation.</summary>
    public static string DefaultBuiltInDirectory => Path.Combine(AppContext.BaseDirectory, BuiltInFolderName);

    /// <summary>The standard layout: the workspace's folders, <c>&lt;chitinHome&gt;/skills</c> and the shipped skills.</summary>
    public static SkillLocations For(string? workspace, string chitinHome)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chitinHome);
        return new SkillLocations(workspace, Path.Combine(chitinHome, "skills"), DefaultBuiltInDirectory);
    }

    /// <summary>The folders to search, nearest first, with their origin.</summary>
    public IReadOnlyList<KeyValuePair<SkillOrigin, string>> Roots()
    {
        var roots = new List<KeyValuePair<SkillOrigin, string>>();
        if (!string.IsNullOrWhiteSpace(Workspace))
        {
            var workspace = Path.GetFullPath(Workspace);
            roots.Add(new(SkillOrigin.Project, Path.Combine(workspace, ".chitin", "skills")));
            roots.Add(new(SkillOrigin.ProjectAgents, Path.Combine(workspace, ".agents", "skills")));
            roots.Add(new(SkillOrigin.ProjectClaude, Path.Combine(workspace, ".claude", "skills")));
        }

        if (!string.IsNullOrWhiteSpace(UserSkillsDirectory))
        {
            roots.Add(new(SkillOrigin.User, Path.GetFullPath(UserSkillsDirectory)));
        }

        if (!string.IsNullOrWhiteSpace(BuiltInDirectory))
        {
            roots.Add(new(SkillOrigin.BuiltIn, Path.GetFullPath(BuiltInDirectory)));
        }

        return roots;
    }
}
