namespace Chitin.Skills.Format;

/// <summary>
/// One SKILL.md: its manifest (null when the front matter is missing or unusable), the Markdown body after the front
/// matter, and every violation of the Agent Skills specification as a finding with file "SKILL.md" and a real line.
/// Loading and parsing never throw for bad content: a broken skill is a document with block findings.
/// </summary>
/// <param name="FolderName">The name of the folder that holds SKILL.md; the spec requires <c>name</c> to equal it.</param>
/// <param name="Manifest">The parsed front matter; null when it is missing or unusable.</param>
/// <param name="Body">The Markdown after the closing <c>---</c>, exactly as written (empty when the file could not be read).</param>
/// <param name="BodyStartLine">The 1-based SKILL.md line the body starts on.</param>
/// <param name="Findings">Every violation of the specification.</param>
public sealed record SkillDocument(string FolderName, SkillManifest? Manifest, string Body, int BodyStartLine, IReadOnlyList<SkillFinding> Findings)
{
    public const string FileName = "SKILL.md";

    private const int MaxExcerptChars = 120;

    /// <summary>True when there is a manifest and no finding blocks.</summary>
    public bool IsValid => Manifest is not null && !Findings.Any(f => f.Severity == FindingSeverity.Block);

    /// <summary>Reads <c>SKILL.md</c> from a skill folder. Refuses (with a finding) a missing, oversized, non-UTF-8 file or one that is a link leading out of the folder.</summary>
    public static SkillDocument Load(string skillDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(skillDirectory);
        var directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(skillDirectory));
        var folderName = Path.GetFileName(directory);
        var text = ReadSkillFile(directory, out var problem);
        return text is null ? Failed(folderName, problem!) : Parse(text, folderName);
    }

    /// <summary>Parses SKILL.md text as if it were in a folder named <paramref name="folderName"/>.</summary>
    public static SkillDocument Parse(string skillMarkdown, string folderName)
    {
        ArgumentNullException.ThrowIfNull(skillMarkdown);
        ArgumentNullException.ThrowIfNull(folderName);
        var text = skillMarkdown.StartsWith('\uFEFF') ? skillMarkdown[1..] : skillMarkdown;
        var findings = new List<SkillFinding>();

        var firstLineEnd = LineEnd(text, 0);
        if (!IsFence(text, 0, firstLineEnd))
        {
            findings.Add(new SkillFinding(
                FileName,
                1,
                SkillSpecRules.FrontMatter,
                FindingSeverity.Block,
                "SKILL.md must start with YAML front matter: a line '---', then at least 'name:' and 'description:', then a closing '---'.",
                ExcerptOf(text, 1)));
            return new SkillDocument(folderName, null, text, 1, findings);
        }

        var yamlStart = NextLineStart(text, firstLineEnd);
        var position = yamlStart;
        var line = 2;
        while (position < text.Length)
        {
            var end = LineEnd(text, position);
            if (IsFence(text, position, end))
            {
                break;
            }

            position = NextLineStart(text, end);
            line++;
        }

        if (position >= text.Length)
        {
            findings.Add(new SkillFinding(
                FileName,
                1,
                SkillSpecRules.FrontMatter,
                FindingSeverity.Block,
                "The front matter opened by '---' on line 1 is never closed; add a line '---' after the last field.",
                ExcerptOf(text, 1)));
            return new SkillDocument(folderName, null, "", line, findings);
        }

        var closingLine = line;
        var yaml = text[yamlStart..position];
        var body = text[Math.Min(text.Length, NextLineStart(text, LineEnd(text, position)))..];
        var bodyLine = closingLine + 1;
        if (yaml.Length > SkillSpecValidator.MaxFrontMatterChars)
        {
            findings.Add(new SkillFinding(
                FileName,
                2,
                SkillSpecRules.FrontMatter,
                FindingSeverity.Block,
                $"The front matter is {yaml.Length:N0} characters; the limit is {SkillSpecValidator.MaxFrontMatterChars:N0}. Keep it to the spec's few fields and move detail into the body.",
                ExcerptOf(text, 2)));
            return new SkillDocument(folderName, null, body, bodyLine, findings);
        }

        var root = FrontMatterParser.Parse(yaml, 1, findings, out var failed);
        var manifest = failed ? null : SkillSpecValidator.Validate(root, folderName, text, findings);
        return new SkillDocument(folderName, manifest, body, bodyLine, findings);
    }

    /// <summary>Line <paramref name="line"/> (1-based) of <paramref name="text"/>, trimmed, as one line of at most 120 characters.</summary>
    internal static string ExcerptOf(string text, int line)
    {
        var start = 0;
        for (var i = 1; i < line && start < text.Length; i++)
        {
            start = NextLineStart(text, LineEnd(text, start));
        }

        if (start >= text.Length)
        {
            return "";
        }

        var excerpt = text[start..LineEnd(text, start)].Trim();
        return excerpt.Length <= MaxExcerptChars ? excerpt : excerpt[..(MaxExcerptChars - 1)] + "…";
    }

    private static SkillDocument Failed(string folderName, SkillFinding problem) => new(folderName, null, "", 1, [problem]);

    private static string? ReadSkillFile(string directory, out SkillFinding? problem)
    {
        problem = null;
        try
        {
            if (!Directory.Exists(directory))
            {
                problem = FileProblem(0, SkillSpecRules.File, File.Exists(directory)
                    ? $"'{directory}' is a file; a skill is a folder with a {FileName} at its top."
                    : $"The skill folder '{directory}' does not exist.");
                return null;
            }

            var file = new FileInfo(Path.Join(directory, FileName));
            if (!file.Exists)
            {
                problem = FileProblem(0, SkillSpecRules.File, $"'{directory}' has no {FileName}; a skill is a folder with a {FileName} at its top.");
                return null;
            }

            if (file.LinkTarget is not null)
            {
                var target = file.ResolveLinkTarget(returnFinalTarget: true);
                var realDirectory = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory;
                if (target is null || (!PathContainment.IsInside(target.FullName, realDirectory) && !PathContainment.IsInside(target.FullName, directory)))
                {
                    problem = FileProblem(0, SkillSpecRules.File, $"{FileName} is a symbolic link to '{target?.FullName ?? file.LinkTarget}', outside the skill folder; a skill's files must live in its folder.");
                    return null;
                }
            }

            if ((file.Attributes & (FileAttributes.Directory | FileAttributes.Device)) != 0)
            {
                problem = FileProblem(0, SkillSpecRules.File, $"{FileName} is not a regular file.");
                return null;
            }

            // FIFOs, sockets and pseudo-files report no size, and opening a FIFO blocks until a writer appears:
            // an empty-looking file is never opened.
            if (file.Length == 0)
            {
                return "";
            }

            if (file.Length > SkillSpecValidator.MaxSkillFileBytes)
            {
                problem = FileProblem(0, SkillSpecRules.FileSize, $"{FileName} is {file.Length:N0} bytes; the limit is {SkillSpecValidator.MaxSkillFileBytes:N0}. Move reference material into references/ files.");
                return null;
            }

            var bytes = ReadAtMost(file.FullName, SkillSpecValidator.MaxSkillFileBytes + 1);
            if (bytes.Length > SkillSpecValidator.MaxSkillFileBytes)
            {
                problem = FileProblem(0, SkillSpecRules.FileSize, $"{FileName} is larger than the limit of {SkillSpecValidator.MaxSkillFileBytes:N0} bytes.");
                return null;
            }

            var invalidAt = FirstInvalidUtf8(bytes);
            if (invalidAt >= 0)
            {
                var line = 1 + bytes.AsSpan(0, invalidAt).Count((byte)'\n');
                problem = FileProblem(line, SkillSpecRules.Encoding, $"{FileName} is not valid UTF-8 (byte offset {invalidAt:N0} on line {line}); save it as UTF-8.");
                return null;
            }

            return Encoding.UTF8.GetString(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = FileProblem(0, SkillSpecRules.File, $"{FileName} could not be read: {ex.Message}");
            return null;
        }
    }

    private static SkillFinding FileProblem(int line, string rule, string message) => new(FileName, line, rule, FindingSeverity.Block, message);

    private static byte[] ReadAtMost(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 64 * 1024));
        try
        {
            using var collected = new MemoryStream();
            int read;
            while (collected.Length < limit && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - collected.Length))) > 0)
            {
                collected.Write(buffer, 0, read);
            }

            return collected.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) != OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return -1;
    }

    private static int LineEnd(string text, int start)
    {
        var newline = text.IndexOf('\n', start);
        return newline < 0 ? text.Length : newline;
    }

    private static int NextLineStart(string text, int lineEnd) => lineEnd >= text.Length ? text.Length + 1 : lineEnd + 1;

    private static bool IsFence(string text, int start, int end) =>
        start <= text.Length && text.AsSpan(start, Math.Max(0, Math.Min(end, text.Length) - start)).TrimEnd().SequenceEqual("---");
}
