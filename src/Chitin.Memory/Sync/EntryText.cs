namespace Chitin.Memory.Sync;

/// <summary>
/// The text rules of Markdown sync: how an entry's text is read from its Markdown source, how an item's text is
/// written as a bullet so it reads back unchanged, and how two texts are compared.
/// </summary>
internal static class EntryText
{
    private const string CommentOpen = "<!--";
    private const string CommentClose = "-->";

    /// <summary>The comparison form: collapsed and lower case. Two texts with the same key are the same entry.</summary>
    public static string Key(string text) => PlainText.Collapse(text).ToLowerInvariant();

    /// <summary>A short stable hash of <see cref="Key"/> (16 hex digits).</summary>
    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key(text))).AsSpan(0, 8));

    public static bool Same(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    /// <summary>An entry's text from its raw inline Markdown: collapsed, with a leading block-marker escape removed.</summary>
    public static string FromSource(string raw)
    {
        var text = PlainText.Collapse(raw);
        if (text.Length >= 2 && text[0] == '\\' && IsAsciiPunctuation(text[1]))
        {
            return text[1..];
        }

        var digits = LeadingDigits(text);
        if (digits > 0 && text.Length > digits + 1 && text[digits] == '\\' && text[digits + 1] is '.' or ')')
        {
            return string.Concat(text.AsSpan(0, digits), text.AsSpan(digits + 1));
        }

        return text;
    }

    /// <summary>
    /// What an item's text reads as once written in a bullet and read back: one line, with HTML comment delimiters
    /// defused (a bullet's hidden id is an HTML comment, and comments are not content).
    /// </summary>
    public static string Plain(string itemText) =>
        PlainText.Collapse(itemText.Replace(CommentOpen, "<! --", StringComparison.Ordinal).Replace(CommentClose, "-- >", StringComparison.Ordinal));

    /// <summary>
    /// The inline Markdown of a bullet for an item: <see cref="Plain"/> with a leading character escaped when it would
    /// otherwise start a heading, quote, list, fence or HTML block. <c>FromSource(Bullet(t)) == Plain(t)</c>.
    /// </summary>
    public static string Bullet(string itemText)
    {
        var text = Plain(itemText);
        if (text.Length == 0)
        {
            return text;
        }

        if (text[0] is '#' or '>' or '-' or '+' or '*' or '=' or '<' or '~' or '`' or '\\' or '|' or '[')
        {
            return "\\" + text;
        }

        var digits = LeadingDigits(text);
        if (digits > 0 && text.Length > digits && text[digits] is '.' or ')')
        {
            return string.Concat(text.AsSpan(0, digits), "\\", text.AsSpan(digits));
        }

        return text;
    }

    /// <summary>
    /// How alike two texts are, 0 to 1: the larger of the word overlap and the character-pair overlap (Dice), so both a
    /// changed word in a long line and a changed letter in a short one count as an edit of the same entry.
    /// </summary>
    public static double Similarity(string a, string b) => Similarity(Features.Of(a), Features.Of(b));

    public static double Similarity(Features a, Features b) =>
        a.Key == b.Key ? 1 : Math.Max(Dice(a.Words, b.Words), Dice(a.Pairs, b.Pairs));

    private static double Dice(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return 2.0 * shared / (a.Count + b.Count);
    }

    internal static HashSet<string> Words(string key) => PlainText.Words(key).ToHashSet(StringComparer.Ordinal);

    internal static HashSet<string> Pairs(string key)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < key.Length; i++)
        {
            pairs.Add(key.Substring(i, 2));
        }

        return pairs;
    }

    private static int LeadingDigits(string text)
    {
        var count = 0;
        while (count < text.Length && count < 10 && char.IsAsciiDigit(text[count]))
        {
            count++;
        }

        return count;
    }

    /// <summary>The characters CommonMark lets a backslash escape.</summary>
    private static bool IsAsciiPunctuation(char c) => c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    /// <summary>A text's comparison key, words and character pairs, computed once for many comparisons.</summary>
    internal sealed record Features(string Key, IReadOnlySet<string> Words, IReadOnlySet<string> Pairs)
    {
        public static Features Of(string text)
        {
            var key = EntryText.Key(text);
            return new Features(key, EntryText.Words(key), EntryText.Pairs(key));
        }
    }
}
