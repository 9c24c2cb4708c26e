namespace Chitin.Testing.Wire;

/// <summary>Cuts streamed text into deltas of a few words, the way a model streams tokens.</summary>
internal static class TextChunker
{
    /// <summary>
    /// Pieces of about <paramref name="chunkChars"/> characters, each ending after a space when one is near, never
    /// splitting a surrogate pair. Concatenated they give back <paramref name="text"/>.
    /// </summary>
    public static List<string> Split(string text, int chunkChars, int minimumPieces = 1)
    {
        var size = Math.Max(1, Math.Min(chunkChars, (text.Length + minimumPieces - 1) / Math.Max(1, minimumPieces)));
        var pieces = new List<string>(text.Length / size + 1);
        var start = 0;
        while (start < text.Length)
        {
            var end = FindEnd(text, start, size);
            pieces.Add(text[start..end]);
            start = end;
        }

        return pieces;
    }

    private static int FindEnd(string text, int start, int size)
    {
        var end = start + size;
        if (end >= text.Length)
        {
            return text.Length;
        }

        // Prefer to end a piece just after whitespace within the next half chunk, so deltas are whole words.
        var limit = Math.Min(text.Length, end + (size / 2));
        for (var i = end; i < limit; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i + 1;
            }
        }

        return char.IsHighSurrogate(text[end - 1]) ? end + 1 : end;
    }
}
