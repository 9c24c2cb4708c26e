namespace Chitin.Tools.Shell;

/// <summary>Copies a process pipe into a sink, decoding UTF-8 leniently (bad bytes become U+FFFD).</summary>
internal static class OutputPump
{
    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads until end of stream, an I/O error or cancellation; never throws.</summary>
    public static async Task PumpAsync(Stream stream, IOutputSink output, CancellationToken cancellationToken)
    {
        var decoder = LenientUtf8.GetDecoder();
        var bytes = new byte[8 * 1024];
        var chars = new char[LenientUtf8.GetMaxCharCount(bytes.Length)];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                read = 0;
            }

            var decoded = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
            output.Append(chars.AsSpan(0, decoded));
            if (read == 0)
            {
                return;
            }
        }
    }
}
