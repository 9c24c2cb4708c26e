namespace Chitin.Skills.Tests.Discovery;

/// <summary>A temporary folder tree for skill tests: a workspace, a user skills folder and a built-in folder. Deleted on dispose.</summary>
public sealed class SkillTree : IDisposable
{
    public SkillTree()
    {
        Root = Directory.CreateTempSubdirectory("chitin-skills-").FullName;
        Workspace = Directory.CreateDirectory(Path.Combine(Root, "ws")).FullName;
        UserSkills = Path.Combine(Root, "home", "skills");
        BuiltIn = Path.Combine(Root, "builtin");
    }

    public string Root { get; }

    public string Workspace { get; }

    public string UserSkills { get; }

    public string BuiltIn { get; }

    public string ProjectSkills => Path.Combine(Workspace, ".chitin", "skills");

    public string AgentsSkills => Path.Combine(Workspace, ".agents", "skills");

    public string ClaudeSkills => Path.Combine(Workspace, ".claude", "skills");

    public Chitin.Skills.Discovery.SkillLocations Locations => new(Workspace, UserSkills, BuiltIn);

    /// <summary>A plain, well-formed body: what a quality lint expects of a real skill.</summary>
    public const string DefaultBody = "# Procedure\n\n## When to use\n\nWhen the user asks for this kind of work.\n\n## Steps\n\n1. Read the input files.\n2. Do the work and check the result.\n3. Report what changed.\n";

    public static string Markdown(string name, string description, string body = DefaultBody, string extraFrontMatter = "") =>
        $"---\nname: {name}\ndescription: {description}\n{extraFrontMatter}---\n\n{body}";

    /// <summary>Writes <c>&lt;parent&gt;/&lt;name&gt;/SKILL.md</c> and extra files; returns the folder.</summary>
    public static string Write(string parent, string name, string? description = null, string body = DefaultBody, string extraFrontMatter = "", IReadOnlyDictionary<string, string>? files = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), Markdown(name, description ?? $"Handles {name} tasks from start to finish and reports the result. Use when the user asks for {name}.", body, extraFrontMatter));
        foreach (var (path, content) in files ?? new Dictionary<string, string>())
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return folder;
    }

    public static string WriteRaw(string parent, string folderName, string skillMarkdown)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, folderName)).FullName;
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), skillMarkdown);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
