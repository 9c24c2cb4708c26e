namespace Chitin.Memory.Sync;

/// <summary>Recognises memory files by name and says which files each format writes.</summary>
internal static class MemoryFileLayout
{
    public const string MemoryFile = "MEMORY.md";
    public const string UserFile = "USER.md";
    public const string ClaudeFile = "CLAUDE.md";
    public const string AgentsFile = "AGENTS.md";
    public const string MemoryFolder = "memory";

    private const string DayFormat = "yyyy-MM-dd";

    public static string Expected =>
        $"{MemoryFile}, {MemoryFolder}/YYYY-MM-DD.md (OpenClaw), {UserFile} and {MemoryFolder}/{MemoryFile} (Nanobot), {ClaudeFile} (Claude Code) or {AgentsFile}";

    /// <summary>The role of a file named explicitly; any other .md file is read as long-term memory.</summary>
    public static MemoryFileTarget? ForFile(string fullPath)
    {
        if (Recognise(fullPath) is { } target)
        {
            return target;
        }

        return fullPath.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? new MemoryFileTarget(fullPath, MemoryFileRole.LongTerm) : null;
    }

    public static MemoryFileTarget? Recognise(string fullPath)
    {
        var name = Path.GetFileName(fullPath);
        var parent = Path.GetFileName(Path.GetDirectoryName(fullPath) ?? "");
        if (parent == MemoryFolder && DayOf(name) is { } day)
        {
            return new MemoryFileTarget(fullPath, MemoryFileRole.DailyLog, day);
        }

        return name switch
        {
            MemoryFile => new MemoryFileTarget(fullPath, MemoryFileRole.LongTerm),
            UserFile => new MemoryFileTarget(fullPath, MemoryFileRole.UserProfile),
            ClaudeFile or "CLAUDE.local.md" => new MemoryFileTarget(fullPath, MemoryFileRole.ClaudeProject),
            AgentsFile => new MemoryFileTarget(fullPath, MemoryFileRole.AgentsProject),
            _ => null,
        };
    }

    /// <summary>The memory files present in a folder, in a stable order: long-term, user, project files, then daily logs by date.</summary>
    public static List<MemoryFileTarget> Discover(string folder)
    {
        var candidates = new[]
        {
            Path.Combine(folder, MemoryFile),
            Path.Combine(folder, MemoryFolder, MemoryFile),
            Path.Combine(folder, UserFile),
            Path.Combine(folder, ClaudeFile),
            Path.Combine(folder, "CLAUDE.local.md"),
            Path.Combine(folder, ".claude", ClaudeFile),
            Path.Combine(folder, AgentsFile),
        };
        var found = candidates.Where(File.Exists).Select(p => Recognise(p)!).ToList();
        var memoryFolder = Path.Combine(folder, MemoryFolder);
        if (Directory.Exists(memoryFolder))
        {
            found.AddRange(Directory.EnumerateFiles(memoryFolder, "*.md")
                .Select(Recognise)
                .OfType<MemoryFileTarget>()
                .Where(t => t.Role == MemoryFileRole.DailyLog)
                .OrderBy(t => t.Path, StringComparer.Ordinal));
        }

        return found;
    }

    /// <summary>The files an export in <paramref name="format"/> writes (the daily logs are added per day by the caller).</summary>
    /// <exception cref="MemoryImportException">The format needs a folder and <paramref name="outPath"/> is a file.</exception>
    public static List<MemoryFileTarget> ExportTargets(MarkdownMemoryFormat format, string outPath)
    {
        switch (format)
        {
            case MarkdownMemoryFormat.Claude:
                return [new MemoryFileTarget(FileIn(outPath, ClaudeFile), MemoryFileRole.ClaudeProject)];
            case MarkdownMemoryFormat.Agents:
                return [new MemoryFileTarget(FileIn(outPath, AgentsFile), MemoryFileRole.AgentsProject)];
            case MarkdownMemoryFormat.OpenClaw:
                RequireFolder(outPath, format);
                return [new MemoryFileTarget(Path.Combine(outPath, MemoryFile), MemoryFileRole.LongTerm)];
            case MarkdownMemoryFormat.Nanobot:
                RequireFolder(outPath, format);
                var root = Path.Combine(outPath, MemoryFile);
                var nested = Path.Combine(outPath, MemoryFolder, MemoryFile);
                var longTerm = File.Exists(root) && !File.Exists(nested) ? root : nested;
                return
                [
                    new MemoryFileTarget(Path.Combine(outPath, UserFile), MemoryFileRole.UserProfile),
                    new MemoryFileTarget(longTerm, MemoryFileRole.LongTerm),
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown Markdown memory format.");
        }
    }

    public static MemoryFileTarget DailyLog(string workspace, DateOnly day) =>
        new(Path.Combine(workspace, MemoryFolder, day.ToString(DayFormat, CultureInfo.InvariantCulture) + ".md"), MemoryFileRole.DailyLog, day);

    /// <summary>The workspace folder of an OpenClaw daily log (the parent of its memory folder).</summary>
    public static string WorkspaceOf(MemoryFileTarget dailyLog) => Path.GetDirectoryName(Path.GetDirectoryName(dailyLog.Path)!)!;

    private static DateOnly? DayOf(string fileName)
    {
        if (!fileName.EndsWith(".md", StringComparison.Ordinal) || fileName.Length < DayFormat.Length + 3)
        {
            return null;
        }

        var stem = fileName[..^3];

        // OpenClaw also writes "YYYY-MM-DD-<slug>.md" session notes; they belong to that day.
        if (stem.Length > DayFormat.Length && stem[DayFormat.Length] != '-')
        {
            return null;
        }

        return DateOnly.TryParseExact(stem[..DayFormat.Length], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    private static string FileIn(string outPath, string defaultName) =>
        Directory.Exists(outPath) || outPath.EndsWith(Path.DirectorySeparatorChar) || outPath.EndsWith(Path.AltDirectorySeparatorChar)
            ? Path.Combine(outPath, defaultName)
            : outPath;

    private static void RequireFolder(string outPath, MarkdownMemoryFormat format)
    {
        if (File.Exists(outPath))
        {
            throw new MemoryImportException(
                outPath,
                null,
                $"is a file, but the {format} format writes several files into a workspace folder. Give the folder instead (for example the folder that holds {MemoryFile}).");
        }
    }
}
