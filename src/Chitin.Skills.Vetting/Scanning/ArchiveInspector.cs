namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Opens zip, tar and tar.gz archives shipped inside a skill so their files are vetted like any other. Nothing is
/// written to disk. Anything that cannot be inspected completely — encryption, other formats, nested archives, paths
/// that escape the archive, or more entries or bytes than the limits — is reported as the archive's problem.
/// </summary>
internal static class ArchiveInspector
{
    public static ArchiveContents Inspect(SkillFileEntry archive, string description, int maxEntries, long maxEntryBytes, long maxTotalBytes)
    {
        var contents = new ArchiveContents();
        if (archive.Truncated)
        {
            contents.Problem = "it is larger than the per-file limit, so it could not be opened";
            return contents;
        }

        try
        {
            using var stream = new MemoryStream(archive.Head, writable: false);
            if (description == "zip archive")
            {
                ReadZip(archive.RelativePath, stream, contents, maxEntries, maxEntryBytes, maxTotalBytes);
            }
            else if (description == "gzip archive")
            {
                using var gzip = new GZipStream(stream, CompressionMode.Decompress);
                using var bounded = new BoundedStream(gzip, maxTotalBytes + 1);
                ReadTar(archive.RelativePath, bounded, contents, maxEntries, maxEntryBytes, maxTotalBytes);
            }
            else if (description == "tar archive")
            {
                ReadTar(archive.RelativePath, stream, contents, maxEntries, maxEntryBytes, maxTotalBytes);
            }
            else
            {
                contents.Problem = $"the vetter cannot open {description} files";
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or NotSupportedException or ArgumentException)
        {
            contents.Problem = "it could not be read (" + ex.Message + ")";
        }

        return contents;
    }

    private static void ReadZip(string archivePath, Stream stream, ArchiveContents contents, int maxEntries, long maxEntryBytes, long maxTotalBytes)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            if (entry.IsEncrypted)
            {
                contents.Problem = $"'{entry.FullName}' is encrypted (password-protected archives exist to hide their contents from scanners)";
                return;
            }

            if (!Admit(entry.FullName, contents, maxEntries))
            {
                return;
            }

            using var data = entry.Open();
            if (!AddFile(archivePath, entry.FullName, data, contents, maxEntryBytes, maxTotalBytes, ref total))
            {
                return;
            }
        }
    }

    private static void ReadTar(string archivePath, Stream stream, ArchiveContents contents, int maxEntries, long maxEntryBytes, long maxTotalBytes)
    {
        using var reader = new TarReader(stream);
        long total = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    continue;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    contents.Problem = $"'{entry.Name}' is a link to '{entry.LinkName}'; links inside archives can point anywhere once unpacked";
                    return;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    break;
                default:
                    continue;
            }

            if (!Admit(entry.Name, contents, maxEntries))
            {
                return;
            }

            if (entry.DataStream is null)
            {
                contents.Files.Add(new SkillFileEntry { RelativePath = archivePath + "!/" + entry.Name.TrimStart('.', '/'), Kind = SkillEntryKind.File });
                continue;
            }

            if (!AddFile(archivePath, entry.Name, entry.DataStream, contents, maxEntryBytes, maxTotalBytes, ref total))
            {
                return;
            }
        }
    }

    private static bool Admit(string name, ArchiveContents contents, int maxEntries)
    {
        var normalized = name.Replace('\\', '/');
        if (normalized.StartsWith('/') || normalized.Split('/').Contains("..") || (normalized.Length > 1 && normalized[1] == ':'))
        {
            contents.Problem = $"the entry '{name}' would be written outside the folder it is unpacked into (zip slip)";
            return false;
        }

        if (contents.Files.Count >= maxEntries)
        {
            contents.Problem = $"it holds more than {maxEntries} files";
            return false;
        }

        return true;
    }

    private static bool AddFile(string archivePath, string name, Stream data, ArchiveContents contents, long maxEntryBytes, long maxTotalBytes, ref long total)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        long length = 0;
        while ((read = data.Read(chunk, 0, chunk.Length)) > 0)
        {
            length += read;
            total += read;
            if (total > maxTotalBytes)
            {
                contents.Problem = $"it unpacks to more than {maxTotalBytes:N0} bytes";
                return false;
            }

            if (buffer.Length < maxEntryBytes)
            {
                buffer.Write(chunk, 0, (int)Math.Min(read, maxEntryBytes - buffer.Length));
            }
        }

        contents.Files.Add(new SkillFileEntry
        {
            RelativePath = archivePath + "!/" + name.Replace('\\', '/').TrimStart('.', '/'),
            Kind = SkillEntryKind.File,
            Length = length,
            Head = buffer.ToArray(),
            Truncated = length > buffer.Length,
        });
        return true;
    }

    /// <summary>Stops reading after a number of bytes, so a decompression bomb cannot exhaust memory.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long remaining = limit;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (remaining <= 0)
            {
                throw new InvalidDataException("the archive unpacks to more data than the vetting limit");
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, remaining));
            remaining -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
