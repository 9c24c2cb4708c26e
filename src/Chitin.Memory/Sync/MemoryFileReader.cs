namespace Chitin.Memory.Sync;

/// <summary>Reads a Markdown memory file strictly: size limit, UTF-8 only, no binary content.</summary>
internal static class MemoryFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="MemoryImportException">The file is too large, binary, not UTF-8 or unreadable.</exception>
    public static async Task<MemoryFileContent> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > maxBytes)
            {
                throw TooLarge(path, length, maxBytes);
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MemoryImportException(path, null, $"cannot be read: {ex.Message} Check that it exists and that you may read it.", ex);
        }

        if (bytes.LongLength > maxBytes)
        {
            throw TooLarge(path, bytes.LongLength, maxBytes);
        }

        return Decode(path, bytes);
    }

    /// <exception cref="MemoryImportException">The bytes are binary or not UTF-8.</exception>
    public static MemoryFileContent Decode(string path, byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            throw new MemoryImportException(path, 1, "is UTF-16 encoded; Chitin reads Markdown memory files as UTF-8. Save it as UTF-8 and try again.");
        }

        var hasBom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var start = hasBom ? 3 : 0;
        var nul = Array.IndexOf(bytes, (byte)0, start);
        if (nul >= 0)
        {
            throw new MemoryImportException(
                path,
                LineAt(bytes, nul),
                "contains a NUL byte, so it looks like a binary file, not Markdown. Point Chitin at the Markdown memory file itself.");
        }

        try
        {
            return new MemoryFileContent(path, bytes, hasBom, StrictUtf8.GetString(bytes, start, bytes.Length - start));
        }
        catch (DecoderFallbackException ex)
        {
            var offset = start + Math.Max(ex.Index, 0);
            var shown = offset < bytes.Length ? $" (byte 0x{bytes[offset]:X2})" : "";
            throw new MemoryImportException(path, LineAt(bytes, offset), $"is not valid UTF-8{shown}. Save it as UTF-8 and try again.", ex);
        }
    }

    private static MemoryImportException TooLarge(string path, long length, long maxBytes) =>
        new(
            path,
            null,
            $"is {length:N0} bytes; Chitin reads Markdown memory files up to {maxBytes:N0} bytes. " +
            "Split it into smaller files (for example one per topic or per month) and try again.");

    private static int LineAt(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }
}
