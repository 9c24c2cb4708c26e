namespace Chitin.Core.Text;

/// <summary>Plain-text shaping for comparing, indexing and one-line display (memory sync, shell rules, skills).</summary>
public static class PlainText
{
    /// <summary>
    /// Every run of white space becomes one space and the ends are trimmed; with <paramref name="controlsAsSpace"/>,
    /// control characters count as white space too, so the result is always one line.
    /// </summary>
    public static string Collapse(string text, bool controlsAsSpace = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || (controlsAsSpace && char.IsControl(c)))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The runs of letters and digits of <paramref name="text"/>, in order and as written.</summary>
    public static IEnumerable<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text);

        static IEnumerable<string> Split(string text)
        {
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
                if (inWord && start < 0)
                {
                    start = i;
                }
                else if (!inWord && start >= 0)
                {
                    yield return text[start..i];
                    start = -1;
                }
            }
        }
    }
}
