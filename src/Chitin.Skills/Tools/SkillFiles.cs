namespace Chitin.Skills.Tools;

/// <summary>Lists and reads the files of one skill folder, never outside it (no '..', absolute paths or links leading out).</summary>
internal static class SkillFiles
{
    public const int MaxListed = 200;
    public const int MaxDepth = 6;

    /// <summary>Files below the folder except the top SKILL.md, as '/'-separated relative paths in ordinal order, with sizes.</summary>
    public static IReadOnlyList<KeyValuePair<string, long>> List(string directory, out bool truncated)
    {
        truncated = false;
        var files = new List<KeyValuePair<string, long>>();
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((directory, 0));
        while (pending.Count > 0)
        {
            var (folder, depth) = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 }).ToArray();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry.LinkTarget is not null && entry is DirectoryInfo)
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    if (depth < MaxDepth && sub.Name != ".git")
                    {
                        pending.Push((sub.FullName, depth + 1));
                    }

                    continue;
                }

                var relative = Path.GetRelativePath(directory, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (relative == Format.SkillDocument.FileName)
                {
                    continue;
                }

                files.Add(new(relative, entry is FileInfo file && entry.LinkTarget is null ? file.Length : -1));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        if (files.Count > MaxListed)
        {
            truncated = true;
            files.RemoveRange(MaxListed, files.Count - MaxListed);
        }

        return files;
    }

    /// <summary>Resolves <paramref name="relative"/> inside <paramref name="directory"/>; null with an error when it is refused.</summary>
    public static string? Confine(string directory, string relative, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            error = "'file' is empty; give a path relative to the skill folder, e.g. references/guide.md.";
            return null;
        }

        if (Path.IsPathRooted(relative) || relative.StartsWith('~'))
        {
            error = $"'{relative}' is not relative; give a path inside the skill folder, e.g. references/guide.md.";
            return null;
        }

        var realDirectory = RealPath.Resolve(Path.GetFullPath(directory)) ?? directory;
        var lexical = Path.GetFullPath(Path.Join(directory, relative));
        if (!PathContainment.IsInside(lexical, Path.GetFullPath(directory)))
        {
            error = $"'{relative}' leads outside the skill folder; only the skill's own files can be read.";
            return null;
        }

        var real = RealPath.Resolve(Path.GetFullPath(lexical));
        if (real is null || !PathContainment.IsInside(real, realDirectory))
        {
            error = $"'{relative}' is a symbolic link that leads outside the skill folder; it is not read.";
            return null;
        }

        return real;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes as text; null with an error for folders, missing or binary files.</summary>
    public static string? ReadText(string path, string shownAs, int limit, out string? error)
    {
        error = null;
        if (Directory.Exists(path))
        {
            error = $"'{shownAs}' is a folder; name one of the files listed when the skill was loaded.";
            return null;
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            error = $"'{shownAs}' does not exist in this skill; load the skill to see its files.";
            return null;
        }

        // A FIFO, socket or pseudo-file reports no size and may never finish reading: it is not opened.
        if (info.Length == 0)
        {
            return "";
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[(int)Math.Min(info.Length, limit)];
            stream.ReadExactly(bytes);
        }

        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0)
        {
            error = $"'{shownAs}' is a binary file; use it by path through run_shell instead of reading it.";
            return null;
        }

        var text = new UTF8Encoding(false, false).GetString(bytes);
        return info.Length > limit
            ? text + string.Create(CultureInfo.InvariantCulture, $"\n[… truncated: showed the first {limit:N0} of {info.Length:N0} bytes]")
            : text;
    }

    public static string Size(long bytes) => bytes switch
    {
        < 0 => "link",
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
