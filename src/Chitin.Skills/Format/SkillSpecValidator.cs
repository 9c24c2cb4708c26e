namespace Chitin.Skills.Format;

/// <summary>
/// The Agent Skills specification's rules for SKILL.md front matter. Blocking: missing or unusable front matter,
/// duplicate keys, a missing or malformed <c>name</c> (1–64 of a–z, 0–9 and '-', no leading, trailing or double
/// hyphen, equal to the folder name) and a missing or over-long <c>description</c> (1–1,024 characters). Warnings:
/// unknown top-level keys, a <c>compatibility</c> outside 1–500 characters, and <c>license</c>, <c>metadata</c> or
/// <c>allowed-tools</c> of the wrong shape (ignored). Info: <c>allowed-tools</c> written as a YAML list.
/// </summary>
public static class SkillSpecValidator
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1_024;
    public const int MaxCompatibilityLength = 500;

    /// <summary>Front matter larger than this is refused unparsed (the spec's fields fit in far less).</summary>
    public const int MaxFrontMatterChars = 32 * 1024;

    /// <summary>SKILL.md larger than this is refused unread.</summary>
    public const int MaxSkillFileBytes = 1024 * 1024;

    /// <summary>The top-level keys the specification defines.</summary>
    public static FrozenSet<string> KnownKeys { get; } =
        new[] { "name", "description", "license", "compatibility", "metadata", "allowed-tools" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>All spec findings for SKILL.md text in a folder named <paramref name="folderName"/>.</summary>
    public static IReadOnlyList<SkillFinding> Validate(string skillMarkdown, string folderName) => SkillDocument.Parse(skillMarkdown, folderName).Findings;

    public static bool IsValidName(string name) => NameProblem(name) is null;

    /// <summary>What is wrong with a skill name, or null when it follows the spec.</summary>
    public static string? NameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "the name is empty";
        }

        if (name.Length > MaxNameLength)
        {
            return $"the name is {name.Length} characters; the limit is {MaxNameLength}";
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return $"the name may only contain lowercase letters a-z, digits and hyphens, not '{Printable(c)}'";
            }
        }

        if (name.StartsWith('-') || name.EndsWith('-'))
        {
            return "the name must not start or end with a hyphen";
        }

        return name.Contains("--", StringComparison.Ordinal) ? "the name must not contain two hyphens in a row" : null;
    }

    /// <summary>
    /// Splits an <c>allowed-tools</c> string into entries: separated by spaces (the spec) or commas (as some agents
    /// write it), keeping what is inside parentheses together, e.g. <c>Bash(git log:*) Read</c> → 2 entries.
    /// </summary>
    public static IReadOnlyList<string> SplitAllowedTools(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entries = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in value)
        {
            if (depth == 0 && (char.IsWhiteSpace(c) || c == ','))
            {
                Flush(entries, current);
                continue;
            }

            depth = c switch
            {
                '(' => depth + 1,
                ')' => Math.Max(0, depth - 1),
                _ => depth,
            };
            current.Append(c);
        }

        Flush(entries, current);
        return entries;
    }

    /// <summary>Checks the parsed front matter and builds the manifest; null when name or description is unusable.</summary>
    internal static SkillManifest? Validate(FrontMatterNode? root, string folderName, string text, List<SkillFinding> findings)
    {
        if (root is not FrontMatterMapping map)
        {
            var what = root is null ? "empty" : root.Kind;
            Add(findings, text, root?.Line ?? 1, SkillSpecRules.FrontMatter, FindingSeverity.Block,
                $"The front matter is {what}; it must be a map of fields with at least 'name:' and 'description:'.");
            return null;
        }

        var fields = new Dictionary<string, KeyValuePair<FrontMatterScalar, FrontMatterNode>>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            if (!fields.TryAdd(key, entry))
            {
                Add(findings, text, entry.Key.Line, SkillSpecRules.DuplicateKey, FindingSeverity.Block,
                    $"'{key}' is set twice (lines {fields[key].Key.Line} and {entry.Key.Line}); YAML forbids duplicate keys and tools disagree on which wins. Keep one.");
            }
            else if (!KnownKeys.Contains(key))
            {
                Add(findings, text, entry.Key.Line, SkillSpecRules.UnknownKey, FindingSeverity.Warning,
                    $"'{key}' is not a field of the Agent Skills spec (name, description, license, compatibility, metadata, allowed-tools); put extra properties under 'metadata:'.");
            }
        }

        var name = ReadName(fields, folderName, text, findings);
        var description = ReadDescription(fields, text, findings);
        var license = ReadOptionalString(fields, "license", SkillSpecRules.License, text, findings);
        var compatibility = ReadCompatibility(fields, text, findings);
        var metadata = ReadMetadata(fields, text, findings);
        var allowedTools = ReadAllowedTools(fields, text, findings);
        return name is null || description is null ? null : new SkillManifest(name, description, license, compatibility, metadata, allowedTools);
    }

    private static string? ReadName(Dictionary<string, KeyValuePair<FrontMatterScalar, FrontMatterNode>> fields, string folderName, string text, List<SkillFinding> findings)
    {
        if (!fields.TryGetValue("name", out var field) || field.Value is FrontMatterScalar { IsNull: true })
        {
            Add(findings, text, field.Key?.Line ?? 1, SkillSpecRules.NameMissing, FindingSeverity.Block,
                $"The front matter has no 'name:'; add 'name: {SuggestName(folderName)}' (the folder name, lowercase with hyphens).");
            return null;
        }

        if (field.Value is not FrontMatterScalar scalar)
        {
            Add(findings, text, field.Value.Line, SkillSpecRules.NameFormat, FindingSeverity.Block, $"'name' is {field.Value.Kind}; it must be a string.");
            return null;
        }

        var name = scalar.Value.Trim();
        var problem = NameProblem(name);
        if (problem is not null)
        {
            Add(findings, text, scalar.Line, SkillSpecRules.NameFormat, FindingSeverity.Block,
                $"Invalid skill name '{Shown(name)}': {problem}. Use something like '{SuggestName(name)}'.");
        }
        else if (!string.Equals(name, folderName, StringComparison.Ordinal))
        {
            Add(findings, text, scalar.Line, SkillSpecRules.NameFolderMismatch, FindingSeverity.Block,
                $"The name '{name}' differs from its folder '{Shown(folderName)}'; the spec requires them to be equal. Rename the folder or the name.");
        }

        return name;
    }

    private static string? ReadDescription(Dictionary<string, KeyValuePair<FrontMatterScalar, FrontMatterNode>> fields, string text, List<SkillFinding> findings)
    {
        if (!fields.TryGetValue("description", out var field) || field.Value is FrontMatterScalar { IsNull: true })
        {
            Add(findings, text, field.Key?.Line ?? 1, SkillSpecRules.DescriptionMissing, FindingSeverity.Block,
                "The front matter has no 'description:'; add one that says what the skill does and when to use it (at most 1,024 characters).");
            return null;
        }

        if (field.Value is not FrontMatterScalar scalar)
        {
            Add(findings, text, field.Value.Line, SkillSpecRules.DescriptionMissing, FindingSeverity.Block, $"'description' is {field.Value.Kind}; it must be a string.");
            return null;
        }

        var description = scalar.Value.Trim();
        if (description.Length == 0)
        {
            Add(findings, text, scalar.Line, SkillSpecRules.DescriptionMissing, FindingSeverity.Block, "'description' is empty; say what the skill does and when to use it.");
            return null;
        }

        var length = CountCharacters(description);
        if (length > MaxDescriptionLength)
        {
            Add(findings, text, scalar.Line, SkillSpecRules.DescriptionLength, FindingSeverity.Block,
                $"'description' is {length:N0} characters; the limit is {MaxDescriptionLength:N0}. Keep what and when; move detail into the body.");
        }

        return description;
    }

    private static string? ReadOptionalString(Dictionary<string, KeyValuePair<FrontMatterScalar, FrontMatterNode>> fields, string key, string rule, string text, List<SkillFinding> findings)
    {
        if (!fields.TryGetValue(key, out var field) || field.Value is FrontMatterScalar { IsNull: true })
        {
            return null;
        }

        if (field.Value is FrontMatterScalar scalar)
        {
            return scalar.Value.Trim();
        }

        Add(findings, text, field.Value.Line, rule, FindingSeverity.Warning, $"'{key}' is {field.Value.Kind}; it must be a string. It is ignored.");
        return null;
    }

    private static string? ReadCompatibility(Dictionary<string, KeyValuePair<FrontMatterScalar, FrontMatterNode>> fields, string text, List<SkillFinding> findings)
    {
        if (fields.TryGetValue("compatibility", out var field) && field.Value is FrontMatterScalar scalar)
        {
            var length = CountCharacters(scalar.Value.Trim());
            if (length is 0 or > MaxCompatibilityLength)
            {
                Add(findings, text, scalar.Line, SkillSpecRules.Compatibility, FindingSeverity.Warning,
                    $"'compatibility' is {length:N0} characters; the spec allows 1–{MaxCompatibilityLength}. Leave it out unless the skill has special requirements.");
            }
        }

        return ReadOptionalString(fields, "compatibility", SkillSpecRules.Compatibility, text, findings);
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(Dictionary<string, KeyValuePair<FrontMatterScalar, FrontMatterNode>> fields, string text, List<SkillFinding> findings)
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!fields.TryGetValue("metadata", out var field) || field.Value is FrontMatterScalar { IsNull: true })
        {
            return metadata;
        }

        if (field.Value is not FrontMatterMapping map)
        {
            Add(findings, text, field.Value.Line, SkillSpecRules.Metadata, FindingSeverity.Warning, $"'metadata' is {field.Value.Kind}; it must be a map of string keys to string values. It is ignored.");
            return metadata;
        }

        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            if (entry.Value is not FrontMatterScalar value)
            {
                Add(findings, text, entry.Value.Line, SkillSpecRules.Metadata, FindingSeverity.Warning,
                    $"metadata '{key}' is {entry.Value.Kind}; metadata values must be strings. It is ignored.");
            }
            else if (!metadata.TryAdd(key, value.IsNull ? "" : value.Value))
            {
                Add(findings, text, entry.Key.Line, SkillSpecRules.DuplicateKey, FindingSeverity.Block, $"metadata '{key}' is set twice; keep one.");
            }
        }

        return metadata;
    }

    private static IReadOnlyList<string> ReadAllowedTools(Dictionary<string, KeyValuePair<FrontMatterScalar, FrontMatterNode>> fields, string text, List<SkillFinding> findings)
    {
        if (!fields.TryGetValue("allowed-tools", out var field) || field.Value is FrontMatterScalar { IsNull: true })
        {
            return [];
        }

        switch (field.Value)
        {
            case FrontMatterScalar scalar:
                return SplitAllowedTools(scalar.Value);
            case FrontMatterSequence sequence:
                Add(findings, text, sequence.Line, SkillSpecRules.AllowedToolsList, FindingSeverity.Info,
                    "'allowed-tools' is a YAML list; accepted, though the spec's portable form is one space-delimited string.");
                var tools = new List<string>();
                foreach (var item in sequence.Items)
                {
                    if (item is FrontMatterScalar { IsNull: false } entry)
                    {
                        tools.AddRange(SplitAllowedTools(entry.Value));
                    }
                    else if (item is not FrontMatterScalar)
                    {
                        Add(findings, text, item.Line, SkillSpecRules.AllowedTools, FindingSeverity.Warning, $"An 'allowed-tools' entry is {item.Kind}; entries must be strings. It is ignored.");
                    }
                }

                return tools;
            default:
                Add(findings, text, field.Value.Line, SkillSpecRules.AllowedTools, FindingSeverity.Warning,
                    $"'allowed-tools' is {field.Value.Kind}; it must be a space-delimited string such as 'Bash(git:*) Read'. It is ignored.");
                return [];
        }
    }

    private static void Add(List<SkillFinding> findings, string text, int line, string rule, FindingSeverity severity, string message) =>
        findings.Add(new SkillFinding(SkillDocument.FileName, line, rule, severity, message, SkillDocument.ExcerptOf(text, line)));

    private static void Flush(List<string> entries, StringBuilder current)
    {
        if (current.Length > 0)
        {
            entries.Add(current.ToString());
            current.Clear();
        }
    }

    /// <summary>Length in Unicode characters (a character outside the BMP counts once).</summary>
    private static int CountCharacters(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string SuggestName(string raw)
    {
        var builder = new StringBuilder();
        foreach (var c in raw.ToLowerInvariant())
        {
            var mapped = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-';
            if (mapped != '-' || (builder.Length > 0 && builder[^1] != '-'))
            {
                builder.Append(mapped);
            }
        }

        var suggestion = builder.ToString().Trim('-');
        suggestion = suggestion.Length > MaxNameLength ? suggestion[..MaxNameLength].TrimEnd('-') : suggestion;
        return suggestion.Length == 0 ? "my-skill" : suggestion;
    }

    /// <summary>A value quoted in a message: control and invisible characters escaped, at most 40 characters.</summary>
    private static string Shown(string value)
    {
        var printable = string.Concat(value.Select(Printable));
        return printable.Length <= 40 ? printable : printable[..39] + "…";
    }

    private static string Printable(char c) => char.IsControl(c) || (char.IsWhiteSpace(c) && c != ' ') || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF'
        ? $"\\u{(int)c:X4}"
        : c.ToString();
}
