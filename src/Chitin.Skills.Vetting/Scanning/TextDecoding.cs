namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Turns the kept bytes of a file into text: UTF-8 (with or without BOM), UTF-16 with BOM, or Latin-1 as a fallback.</summary>
internal static class TextDecoding
{
    public static (string Text, bool WasUtf8) Decode(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (bytes.StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((byte[])[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..(bytes.Length - (bytes.Length % 2))]), true);
        }
        else if (bytes.StartsWith((byte[])[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..(bytes.Length - (bytes.Length % 2))]), true);
        }

        var chars = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false, isFinalBlock: !truncated);
            if (status is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData)
            {
                return (new string(chars, 0, written), true);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        return (Encoding.Latin1.GetString(bytes), false);
    }

    /// <summary>True when the bytes start with a UTF-16 byte order mark (such text legitimately contains NUL bytes).</summary>
    public static bool HasUtf16Bom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((byte[])[0xFF, 0xFE]) || bytes.StartsWith((byte[])[0xFE, 0xFF]);
}
