namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Chooses the <see cref="FileFormat"/> of a file from its name and first line.</summary>
internal static class FileFormats
{
    private static readonly HashSet<string> MarkdownExtensions = new(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown", ".mdx", ".mdc" };

    private static readonly HashSet<string> ScriptExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".sh", ".bash", ".zsh", ".ksh", ".fish", ".command", ".py", ".pyw", ".js", ".mjs", ".cjs", ".ts", ".mts", ".jsx", ".tsx",
        ".rb", ".pl", ".pm", ".php", ".ps1", ".psm1", ".psd1", ".bat", ".cmd", ".vbs", ".lua", ".go", ".rs", ".java", ".kt",
        ".swift", ".applescript", ".r", ".jl", ".groovy", ".tcl", ".awk", ".sed", ".mk", ".cs", ".fs", ".c", ".cpp", ".h",
    };

    private static readonly HashSet<string> DataExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".json", ".jsonl", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".xml", ".plist", ".csv", ".tsv", ".env",
        ".lock", ".service", ".timer", ".desktop", ".properties", ".sql", ".graphql", ".tf", ".hcl",
    };

    private static readonly HashSet<string> ScriptFileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Makefile", "GNUmakefile", "Dockerfile", "Containerfile", "Justfile", "Rakefile", "Procfile", "Vagrantfile",
    };

    public static FileFormat Classify(string relativePath, string text)
    {
        var name = Path.GetFileName(relativePath);
        var extension = Path.GetExtension(name);
        if (MarkdownExtensions.Contains(extension))
        {
            return FileFormat.Markdown;
        }

        if (ScriptExtensions.Contains(extension) || ScriptFileNames.Contains(name) || name.StartsWith("Dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.Script;
        }

        if (DataExtensions.Contains(extension) || name.StartsWith(".env", StringComparison.Ordinal))
        {
            return FileFormat.Data;
        }

        if (extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase) || extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return FileFormat.Markup;
        }

        if (text.StartsWith("#!", StringComparison.Ordinal))
        {
            return FileFormat.Script;
        }

        return extension.Equals(".txt", StringComparison.OrdinalIgnoreCase) || extension.Equals(".rst", StringComparison.OrdinalIgnoreCase) || extension.Equals(".adoc", StringComparison.OrdinalIgnoreCase)
            ? FileFormat.PlainText
            : FileFormat.Script;
    }
}
