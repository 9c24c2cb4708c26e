namespace Chitin.Tools.Files;

/// <summary>Decides from a file's first bytes whether it is text, and names common binary formats.</summary>
internal static class BinarySniffer
{
    public const int SampleSize = 8 * 1024;

    /// <summary>Share of bytes in invalid UTF-8 sequences above which a file counts as binary.</summary>
    private const double InvalidShareLimit = 0.3;

    private static readonly (byte[] Magic, int Offset, string Kind)[] Signatures =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], 0, "PNG image"),
        ([0xFF, 0xD8, 0xFF], 0, "JPEG image"),
        ("GIF8"u8.ToArray(), 0, "GIF image"),
        ("%PDF"u8.ToArray(), 0, "PDF document"),
        ([(byte)'P', (byte)'K', 3, 4], 0, "ZIP archive (also .docx/.xlsx/.jar)"),
        ([0x1F, 0x8B], 0, "gzip archive"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0], 0, "xz archive"),
        ([0x28, 0xB5, 0x2F, 0xFD], 0, "zstd archive"),
        ("ustar"u8.ToArray(), 257, "tar archive"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], 0, "ELF executable"),
        ("MZ"u8.ToArray(), 0, "Windows executable"),
        ([0xCF, 0xFA, 0xED, 0xFE], 0, "Mach-O executable"),
        ([0xCA, 0xFE, 0xBA, 0xBE], 0, "Java class or Mach-O universal binary"),
        ([0, (byte)'a', (byte)'s', (byte)'m'], 0, "WebAssembly module"),
        ("SQLite format 3"u8.ToArray(), 0, "SQLite database"),
        ("RIFF"u8.ToArray(), 0, "RIFF media (WAV/AVI/WebP)"),
        ("ftyp"u8.ToArray(), 4, "MP4/QuickTime media"),
        ("OggS"u8.ToArray(), 0, "Ogg media"),
        ("ID3"u8.ToArray(), 0, "MP3 audio"),
    ];

    /// <summary>Returns null for text, else a short name of the binary format.</summary>
    public static string? BinaryKind(ReadOnlySpan<byte> sample)
    {
        if (HasUnicodeByteOrderMark(sample))
        {
            return null;
        }

        foreach (var (magic, offset, kind) in Signatures)
        {
            if (sample.Length >= offset + magic.Length && sample.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                // Short signatures such as "MZ" or "ID3" also open ordinary text; trust them only with other binary evidence.
                if (magic.Length > 3 || LooksBinary(sample))
                {
                    return kind;
                }
            }
        }

        return LooksBinary(sample) ? "binary data" : null;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> sample)
    {
        if (sample.Contains((byte)0))
        {
            return true;
        }

        var invalid = 0;
        var rest = sample;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(rest, out _, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                break; // a character cut by the end of the sample
            }

            if (status == OperationStatus.InvalidData)
            {
                invalid += consumed;
            }

            rest = rest[consumed..];
        }

        return sample.Length > 0 && invalid > sample.Length * InvalidShareLimit;
    }

    private static bool HasUnicodeByteOrderMark(ReadOnlySpan<byte> sample) =>
        sample.StartsWith(Encoding.UTF8.Preamble)
        || sample.StartsWith(Encoding.Unicode.Preamble)
        || sample.StartsWith(Encoding.BigEndianUnicode.Preamble);
}
