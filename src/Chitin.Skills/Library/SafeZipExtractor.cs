namespace Chitin.Skills.Library;

/// <summary>
/// Extracts a skill archive without trusting it: every entry must stay inside the destination (no zip-slip, no
/// absolute or drive paths), be a plain file or folder (no symbolic links or devices), and fit the size, count and
/// compression-ratio limits, counted on the bytes actually inflated rather than on the sizes the archive declares.
/// </summary>
internal static class SafeZipExtractor
{
    private const int UnixFileTypeMask = 0xF000;

    /// <summary>Finder's resource-fork folder in archives made on macOS: metadata, never part of the skill.</summary>
    private const string MacResourceFolder = "__MACOSX";

    public static void Extract(string zipPath, string destination, SkillLibraryOptions limits)
    {
        var size = new FileInfo(zipPath).Length;
        if (size > limits.MaxArchiveBytes)
        {
            throw new SkillSourceException($"'{zipPath}' is {size:N0} bytes; archives up to {limits.MaxArchiveBytes:N0} bytes are accepted.");
        }

        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException ex)
        {
            throw new SkillSourceException($"'{zipPath}' is not a readable .zip archive ({ex.Message}). Re-create it with a standard zip tool.", ex);
        }

        using (archive)
        {
            var root = Path.GetFullPath(destination);
            Directory.CreateDirectory(root);
            var budget = new StagingBudget(limits, zipPath);
            var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in archive.Entries)
            {
                ExtractEntry(zipPath, entry, root, limits, budget, written);
            }
        }
    }

    private static void ExtractEntry(string zipPath, ZipArchiveEntry entry, string root, SkillLibraryOptions limits, StagingBudget budget, HashSet<string> written)
    {
        var name = entry.FullName.Replace('\\', '/');
        budget.AddEntry(name);
        var relative = CheckedRelativePath(zipPath, name);
        CheckFileType(zipPath, entry, name);
        if (relative.Length == 0 || IsMacResource(relative))
        {
            return;
        }

        var target = Path.GetFullPath(Path.Combine(root, relative));
        if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Refused(zipPath, name, "would be written outside the skill folder (zip-slip)");
        }

        if (name.EndsWith('/'))
        {
            Directory.CreateDirectory(target);
            return;
        }

        if (!written.Add(target))
        {
            throw Refused(zipPath, name, "appears twice in the archive");
        }

        budget.AddFile(name, entry.Length);
        if (entry.Length > limits.CompressionRatioFloorBytes && entry.Length > entry.CompressedLength * limits.MaxCompressionRatio)
        {
            throw Refused(
                zipPath,
                name,
                $"inflates {entry.CompressedLength:N0} bytes to {entry.Length:N0} (over {limits.MaxCompressionRatio:0}×): this looks like a zip bomb");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            using var input = entry.Open();
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            CopyBounded(zipPath, name, input, output, Math.Min(entry.Length, limits.MaxFileBytes));
        }
        catch (InvalidDataException ex)
        {
            throw Refused(zipPath, name, $"is corrupt ({ex.Message})");
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw Refused(zipPath, name, $"could not be written ({ex.Message})");
        }
    }

    /// <summary>The entry's path with '/' separators, refusing anything absolute or climbing out; "" for the root itself.</summary>
    private static string CheckedRelativePath(string zipPath, string name)
    {
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            throw Refused(zipPath, name, "has an empty or invalid name");
        }

        if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])))
        {
            throw Refused(zipPath, name, "has an absolute path");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw Refused(zipPath, name, "climbs out of the skill folder with '..' (zip-slip)");
        }

        return Path.Combine(segments.Where(s => s != ".").ToArray());
    }

    private static void CheckFileType(string zipPath, ZipArchiveEntry entry, string name)
    {
        // Unix archivers keep st_mode in the high 16 bits of the external attributes; 0 means "not recorded".
        var type = (UnixFileType)((entry.ExternalAttributes >> 16) & UnixFileTypeMask);
        if (type == UnixFileType.SymbolicLink)
        {
            throw Refused(zipPath, name, "is a symbolic link; skills must contain plain files only (a link could point at your credentials)");
        }

        if (type is not (UnixFileType.NotRecorded or UnixFileType.Directory or UnixFileType.RegularFile))
        {
            throw Refused(zipPath, name, "is a device, pipe or socket, not a plain file");
        }
    }

    private static void CopyBounded(string zipPath, string name, Stream input, Stream output, long limit)
    {
        var buffer = new byte[81_920];
        long total = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw Refused(zipPath, name, $"inflates to more than its declared or allowed {limit:N0} bytes");
            }

            output.Write(buffer, 0, read);
        }
    }

    private static bool IsMacResource(string relative) =>
        relative == MacResourceFolder || relative.StartsWith(MacResourceFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static SkillSourceException Refused(string zipPath, string entryName, string why) =>
        new($"Refused '{zipPath}': entry '{Printable(entryName)}' {why}. Nothing was installed.");

    private static string Printable(string name) =>
        new(name.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
