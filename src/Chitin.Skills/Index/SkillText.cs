namespace Chitin.Skills.Index;

/// <summary>Text shaping shared by the index and the skill tools.</summary>
internal static class SkillText
{
    /// <summary>Collapses every run of whitespace and control characters into one space: one skill per line.</summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
