using System.Text;

namespace Chitin.Skills.Vetting.Tests;

/// <summary>A skill folder in a unique temporary directory, deleted on dispose.</summary>
internal sealed class TempSkill : IDisposable
{
    private readonly string root;

    public TempSkill(string name = "test-skill", string? skillMarkdown = null)
    {
        root = Path.Combine(Path.GetTempPath(), "chitin-vet-tests", Guid.NewGuid().ToString("N"));
        Directory = Path.Combine(root, name);
        System.IO.Directory.CreateDirectory(Directory);
        Write("SKILL.md", skillMarkdown ?? Markdown(name, "Format release notes for the mobile app from merged pull requests. Use when the user asks for release notes.", "# Release notes\n\nGroup changes by feature and fix.\n"));
    }

    public string Directory { get; }

    /// <summary>A SKILL.md with front matter and the given body.</summary>
    public static string Markdown(string name, string description, string body) =>
        $"---\nname: {name}\ndescription: \"{description}\"\n---\n{body}";

    /// <summary>A SKILL.md with a good description and the given body.</summary>
    public static string WithBody(string body, string name = "test-skill") =>
        Markdown(name, "Format release notes for the mobile app from merged pull requests. Use when the user asks for release notes.", body);

    public string Write(string relativePath, string content) => Write(relativePath, Encoding.UTF8.GetBytes(content));

    public string Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
