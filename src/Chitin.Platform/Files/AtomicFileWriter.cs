namespace Chitin.Platform.Files;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so readers and a killed process see either the old
/// content or the new one, never half of it. An existing file's permissions carry over unless a mode is given.
/// </summary>
public static class AtomicFileWriter
{
    private const int MaxNameStemChars = 80;

    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(content, ct), cancellationToken);

    /// <summary>Writes <paramref name="text"/> as UTF-8, creating the file's folder first.</summary>
    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(text);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return WriteAsync(full, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
    }

    /// <summary>Writes whatever <paramref name="writeContent"/> produces; if it throws, the target is untouched.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, ValueTask> writeContent, CancellationToken cancellationToken)
    {
        var temporary = TemporaryFor(path);
        try
        {
            var stream = new FileStream(temporary, Options(FileOptions.Asynchronous, mode: null));
            await using (stream.ConfigureAwait(false))
            {
                await writeContent(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            Replace(temporary, path, mode: null);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// As <see cref="WriteAsync(string, Func{Stream, CancellationToken, ValueTask}, CancellationToken)"/>, for callers
    /// that write under a lock. With <paramref name="mode"/> the file gets that mode (Unix) from its first byte on,
    /// whatever mode an existing file had.
    /// </summary>
    public static void Write(string path, Action<Stream> writeContent, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        var temporary = TemporaryFor(path);
        try
        {
            using (var stream = new FileStream(temporary, Options(FileOptions.None, mode)))
            {
                writeContent(stream);
                stream.Flush(flushToDisk: true);
            }

            Replace(temporary, path, mode);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static string TemporaryFor(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException($"'{path}' has no parent directory.", nameof(path));
        var name = Path.GetFileName(path);
        var stem = name.Length > MaxNameStemChars ? name[..MaxNameStemChars] : name;
        return Path.Join(directory, $".{stem}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
    }

    private static FileStreamOptions Options(FileOptions options, UnixFileMode? mode)
    {
        var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = options };
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            created.UnixCreateMode = unixMode;
        }

        return created;
    }

    private static void Replace(string temporary, string path, UnixFileMode? mode)
    {
        if (mode is null && !OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path); // no-op once the rename succeeded
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write already failed or succeeded; a stray temporary file must not hide that outcome.
        }
    }
}
