namespace Chitin.Tools.Files;

/// <summary>Measures and cuts text by its UTF-8 size, never splitting a surrogate pair.</summary>
internal static class Utf8Budget
{
    public static int Size(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>The longest prefix of <paramref name="text"/> whose UTF-8 encoding fits in <paramref name="maxBytes"/>.</summary>
    public static string Prefix(string text, int maxBytes)
    {
        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var size = pair ? 4 : text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            i += pair ? 2 : 1;
        }

        return text[..i];
    }
}
