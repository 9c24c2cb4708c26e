namespace Chitin.Skills.Distill;

/// <summary>
/// Writes a distilled draft as a SKILL.md: front matter by YamlDotNet's emitter (so any text is quoted correctly) with the
/// session it came from and its version in <c>metadata</c>, then a title, a "When to use" section and the procedure.
/// </summary>
internal static class SkillMarkdownRenderer
{
    public const string DistilledFromKey = "chitin-distilled-from";
    public const string VersionKey = "version";
    public const int MaxDescriptionLength = 1_024;

    public static string Render(string name, DistilledSkillDraft draft, string sessionId, int version)
    {
        var whenToUse = OneLine(draft.WhenToUse!);
        KeyValuePair<string, object>[] frontMatter =
        [
            new("name", name),
            new("description", Description(OneLine(draft.Description!), whenToUse)),
            new("metadata", new KeyValuePair<string, string>[]
            {
                new(DistilledFromKey, sessionId),
                new(VersionKey, version.ToString(CultureInfo.InvariantCulture)),
            }),
        ];

        var body = draft.Body!.Trim().ReplaceLineEndings("\n");
        var sb = new StringBuilder();
        sb.Append("---\n").Append(FrontMatterWriter.Write(frontMatter)).Append("---\n\n");
        if (!body.StartsWith("# ", StringComparison.Ordinal))
        {
            sb.Append("# ").Append(Title(name)).Append("\n\n");
        }

        if (!body.Contains("## When to use", StringComparison.OrdinalIgnoreCase))
        {
            sb.Append("## When to use\n\n").Append(whenToUse).Append("\n\n");
        }

        sb.Append(body).Append('\n');
        return sb.ToString();
    }

    /// <summary>What it does, then when to use it, so the index entry alone tells the model when to load it.</summary>
    private static string Description(string description, string whenToUse)
    {
        var when = whenToUse.StartsWith("use ", StringComparison.OrdinalIgnoreCase) ? whenToUse : "Use when " + LowerFirst(whenToUse);
        var combined = description.TrimEnd('.', ' ') + ". " + when;
        if (combined.Length <= MaxDescriptionLength)
        {
            return combined;
        }

        return description.Length <= MaxDescriptionLength ? description : description[..(MaxDescriptionLength - 1)] + "…";
    }

    private static string OneLine(string text) => PlainText.Collapse(text);

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Title(string name) =>
        string.Join(' ', name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
