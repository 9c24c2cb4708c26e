namespace Chitin.Memory.Sync;

/// <summary>
/// Writes Chitin's section: begin marker, a hidden note, a heading, one bullet per item with its hidden id comment,
/// end marker — in the file's own line ending, without a line break after the end marker (the file's text after the
/// section keeps its own).
/// </summary>
internal static class SectionRenderer
{
    /// <summary>Lines from the begin marker to the first bullet.</summary>
    public const int LinesBeforeBullets = 4;

    public static string Render(IReadOnlyList<SectionBullet> bullets, string newLine)
    {
        var builder = new StringBuilder();
        builder.Append(SectionMarkers.Begin).Append(newLine)
            .Append(SectionMarkers.Note).Append(newLine)
            .Append(SectionMarkers.Heading).Append(newLine)
            .Append(newLine);
        foreach (var bullet in bullets)
        {
            builder.Append("- ").Append(bullet.Markdown).Append(' ').Append(SectionMarkers.IdComment(bullet.ItemId)).Append(newLine);
        }

        if (bullets.Count > 0)
        {
            builder.Append(newLine);
        }

        return builder.Append(SectionMarkers.End).ToString();
    }

    /// <summary>
    /// The file's text with the section put in — in place of the old section, or appended after a blank line — and
    /// where the section starts. Nothing outside the section changes; a file that did not end with a line break still does not.
    /// </summary>
    public static (string Text, int SectionStart) Splice(string text, ManagedSection? old, string section, string newLine)
    {
        if (old is not null)
        {
            return (string.Concat(text.AsSpan(0, old.Start), section, text.AsSpan(old.End)), old.Start);
        }

        if (text.Length == 0)
        {
            return (section + newLine, 0);
        }

        string prefix;
        if (!text.EndsWith('\n'))
        {
            prefix = text + newLine + newLine;
            return (prefix + section, prefix.Length);
        }

        var endsWithBlankLine = text.EndsWith("\n\n", StringComparison.Ordinal) || text.EndsWith("\n\r\n", StringComparison.Ordinal) || text == newLine;
        prefix = endsWithBlankLine ? text : text + newLine;
        return (prefix + section + newLine, prefix.Length);
    }

    /// <summary>The 1-based line a character offset is on.</summary>
    public static int LineAt(string text, int offset) => text.AsSpan(0, offset).Count('\n') + 1;
}
