namespace Chitin.Tools.Files;

/// <summary>
/// How the text tools (read_file, grep) open a file: shared, so that other processes may keep writing or deleting it;
/// its head sniffed for binary content; then decoded as lenient UTF-8 (invalid bytes become U+FFFD, a BOM is honoured).
/// The writing tools (write_file, edit_file) use <see cref="StrictUtf8"/> instead.
/// </summary>
internal static class TextFile
{
    /// <summary>UTF-8 without a BOM that throws on invalid bytes and unpaired surrogates, so a file is never written corrupted.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static FileStream OpenShared(string fullPath) => new(fullPath, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.ReadWrite | FileShare.Delete,
        Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
    });

    /// <summary>
    /// Reads up to <see cref="BinarySniffer.SampleSize"/> bytes from the start and rewinds: how many were read, and the
    /// binary format found in them (null for text).
    /// </summary>
    public static async Task<(int Sampled, string? BinaryKind)> SniffAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var sample = new byte[BinarySniffer.SampleSize];
        var sampled = await stream.ReadAtLeastAsync(sample, sample.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        return (sampled, BinarySniffer.BinaryKind(sample.AsSpan(0, sampled)));
    }

    /// <summary>A decoder over <paramref name="stream"/> that leaves it open.</summary>
    public static StreamReader Decoder(FileStream stream) =>
        new(stream, LenientUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);

    /// <summary>Lines as an editor counts them: a final line without a newline still counts.</summary>
    public static long CountLines(string content)
    {
        if (content.Length == 0)
        {
            return 0;
        }

        long newlines = content.AsSpan().Count('\n');
        return content[^1] == '\n' ? newlines : newlines + 1;
    }
}
