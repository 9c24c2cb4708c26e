namespace Chitin.Memory.Sync;

/// <summary>Replaces a file all at once: the new bytes go to a temporary file in the same folder, which is then renamed over it.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> unless the file no longer holds
    /// <paramref name="expected"/> (null: the file must not exist) — another program changed it meanwhile.
    /// </summary>
    /// <exception cref="MemoryImportException">The file changed on disk since it was read; nothing was written.</exception>
    public static async Task WriteAsync(string path, byte[] bytes, byte[]? expected, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.chitin-tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            var exists = File.Exists(path);
            if (exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            }

            var current = exists ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
            if (!SameBytes(current, expected))
            {
                throw new MemoryImportException(
                    path,
                    null,
                    "changed on disk while Chitin was syncing it (another program or agent wrote it). Nothing was written; run the command again.");
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static bool SameBytes(byte[]? a, byte[]? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.AsSpan().SequenceEqual(b));

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a leftover temporary file; the target is intact either way.
        }
    }
}
