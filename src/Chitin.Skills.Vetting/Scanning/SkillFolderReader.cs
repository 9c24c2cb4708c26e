namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Reads a skill folder once: walks it recursively without following links, hashes every entry in ordinal path order
/// and keeps the head of each file for scanning. Hashing and scanning use the same read, so the verdict always belongs
/// to the hash it is cached under.
/// </summary>
internal static class SkillFolderReader
{
    private const byte FileTag = (byte)'f';
    private const byte LinkTag = (byte)'l';
    private const byte ErrorTag = (byte)'e';

    public static SkillFolderSnapshot Read(string skillDirectory, long maxFileBytes, int maxFiles, long maxTotalBytes, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(skillDirectory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Skill folder '{skillDirectory}' does not exist; pass the folder that holds SKILL.md.");
        }

        var paths = Enumerate(root, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var entries = new List<SkillFileEntry>(paths.Count);
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        long retainedTotal = 0;
        var fileLimitExceeded = false;
        var totalLimitExceeded = false;
        try
        {
            foreach (var (relative, info) in paths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var keep = entries.Count < maxFiles && retainedTotal < maxTotalBytes;
                if (entries.Count >= maxFiles)
                {
                    fileLimitExceeded = true;
                }
                else if (retainedTotal >= maxTotalBytes)
                {
                    totalLimitExceeded = true;
                }

                var budget = Math.Max(0, maxTotalBytes - retainedTotal);
                var entry = ReadEntry(root, relative, info, keep, Math.Min(maxFileBytes, budget), hash, buffer);
                retainedTotal += entry.Head.Length;
                totalLimitExceeded |= entry.Truncated && budget < maxFileBytes && entry.Head.Length >= budget;
                entries.Add(entry);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new SkillFolderSnapshot(Convert.ToHexStringLower(hash.GetHashAndReset()), entries, fileLimitExceeded, totalLimitExceeded);
    }

    /// <summary>All files and links under <paramref name="root"/>, sorted by their '/'-separated relative path.</summary>
    private static List<(string Relative, FileSystemInfo Info)> Enumerate(string root, CancellationToken cancellationToken)
    {
        var found = new List<(string, FileSystemInfo)>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            foreach (var info in directory.EnumerateFileSystemInfos("*", options))
            {
                var relative = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
                if (info.LinkTarget is not null)
                {
                    found.Add((relative, info));
                }
                else if (info is DirectoryInfo sub)
                {
                    pending.Push(sub);
                }
                else
                {
                    found.Add((relative, info));
                }
            }
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return found;
    }

    private static SkillFileEntry ReadEntry(string root, string relative, FileSystemInfo info, bool keep, long keepBytes, IncrementalHash hash, byte[] buffer)
    {
        AppendPath(hash, info.LinkTarget is null ? FileTag : LinkTag, relative);
        if (info.LinkTarget is { } target)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(target));
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(info.FullName)!, target));
            var inside = resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            return new SkillFileEntry { RelativePath = relative, Kind = SkillEntryKind.SymbolicLink, LinkTarget = target, LinkPointsOutside = !inside };
        }

        try
        {
            var length = ((FileInfo)info).Length;

            // FIFOs and devices report length 0; never open them (a FIFO would block the read forever).
            if (length == 0)
            {
                AppendLength(hash, 0);
                return new SkillFileEntry { RelativePath = relative, Kind = SkillEntryKind.File, Length = 0, Retained = keep };
            }

            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            AppendLength(hash, length);
            var headLength = keep ? (int)Math.Min(length, keepBytes) : 0;
            var head = new byte[headLength];
            var filled = 0;
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (filled < headLength)
                {
                    var take = Math.Min(read, headLength - filled);
                    Buffer.BlockCopy(buffer, 0, head, filled, take);
                    filled += take;
                }

                total += read;
            }

            if (filled < head.Length)
            {
                Array.Resize(ref head, filled);
            }

            return new SkillFileEntry
            {
                RelativePath = relative,
                Kind = SkillEntryKind.File,
                Length = total,
                Head = head,
                Truncated = keep && total > head.Length,
                Retained = keep,
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            hash.AppendData([ErrorTag]);
            return new SkillFileEntry { RelativePath = relative, Kind = SkillEntryKind.Unreadable, Error = ex.Message };
        }
    }

    private static void AppendPath(IncrementalHash hash, byte tag, string relative)
    {
        hash.AppendData([tag]);
        hash.AppendData(Encoding.UTF8.GetBytes(relative));
        hash.AppendData([0]);
    }

    private static void AppendLength(IncrementalHash hash, long length)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, length);
        hash.AppendData(bytes);
    }
}
