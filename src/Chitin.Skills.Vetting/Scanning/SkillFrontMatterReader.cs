namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Reads the top-level <c>name</c> and <c>description</c> scalars from SKILL.md's front matter with YamlDotNet's event parser (no object construction).</summary>
internal static class SkillFrontMatterReader
{
    private const int MaxEvents = 5_000;

    public static SkillFrontMatter Read(VetFile skillMarkdown)
    {
        var lines = skillMarkdown.Lines;
        if (lines.Length == 0 || lines[0].Zone != LineZone.FrontMatter)
        {
            return new SkillFrontMatter(null, 0, null, 0, 1);
        }

        var close = 1;
        while (close < lines.Length && lines[close].Zone == LineZone.FrontMatter && !IsClosing(skillMarkdown.LineSpan(close)))
        {
            close++;
        }

        if (close >= lines.Length || lines[close].Zone != LineZone.FrontMatter)
        {
            return new SkillFrontMatter(null, 0, null, 0, 1);
        }

        var start = lines[1].Start;
        var yaml = close > 1 ? skillMarkdown.Raw[start..(lines[close - 1].Start + lines[close - 1].Length)] : string.Empty;
        string? name = null;
        string? description = null;
        int nameLine = 0, descriptionLine = 0;
        var unreadable = false;
        try
        {
            var parser = new Parser(new StringReader(yaml));
            var depth = 0;
            string? pendingKey = null;
            var expectKey = true;
            for (var events = 0; events < MaxEvents && parser.MoveNext(); events++)
            {
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart:
                        depth++;
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        if (depth == 1)
                        {
                            expectKey = true;
                        }

                        break;
                    case AnchorAlias when depth == 1:
                        expectKey = !expectKey;
                        break;
                    case Scalar scalar when depth == 1:
                        if (expectKey)
                        {
                            pendingKey = scalar.Value;
                            expectKey = false;
                            break;
                        }

                        var line = (int)scalar.Start.Line + 1;
                        if (pendingKey == "name")
                        {
                            (name, nameLine) = (scalar.Value, line);
                        }
                        else if (pendingKey == "description")
                        {
                            (description, descriptionLine) = (scalar.Value, line);
                        }

                        expectKey = true;
                        break;
                }
            }
        }
        catch (YamlException)
        {
            // Malformed front matter is the spec validator's finding; the vetter lints only what it can read.
            unreadable = true;
        }

        return new SkillFrontMatter(name, nameLine, description, descriptionLine, close + 2, unreadable);
    }

    private static bool IsClosing(ReadOnlySpan<char> line) => line.TrimEnd() is "---" or "...";
}
