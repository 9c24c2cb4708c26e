namespace Chitin.Skills.Format;

/// <summary>
/// Reads front matter YAML from YamlDotNet's event stream into a small tree, never through an object deserializer:
/// no type is ever constructed from a tag, aliases are refused (so an alias bomb cannot expand), and nesting and
/// node counts are capped. Every problem becomes a block finding with its SKILL.md line.
/// </summary>
internal static class FrontMatterParser
{
    public const int MaxDepth = 16;
    public const int MaxNodes = 5_000;

    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    };

    /// <param name="yaml">The text between the opening and closing <c>---</c> lines.</param>
    /// <param name="lineOffset">Lines of SKILL.md before the YAML text (1 for the opening <c>---</c>).</param>
    /// <returns>The root node (null for an empty document), or null with a finding added when the YAML is refused.</returns>
    public static FrontMatterNode? Parse(string yaml, int lineOffset, List<SkillFinding> findings, out bool failed)
    {
        failed = false;
        var progress = new StrongBox<int>(lineOffset + 1);
        try
        {
            return ReadDocument(yaml, lineOffset, progress);
        }
        catch (YamlException ex)
        {
            failed = true;
            var line = lineOffset + YamlLineOf(ex, yaml);
            findings.Add(new SkillFinding(
                SkillDocument.FileName,
                line,
                SkillSpecRules.FrontMatter,
                FindingSeverity.Block,
                "The front matter is not valid YAML: " + Explain(ex),
                SkillDocument.ExcerptOf(yaml, line - lineOffset)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed plain scalars (e.g. "{*%" on one line).
            failed = true;
            findings.Add(new SkillFinding(
                SkillDocument.FileName,
                progress.Value,
                SkillSpecRules.FrontMatter,
                FindingSeverity.Block,
                $"The front matter is not valid YAML after line {progress.Value}; quote values that start with a special character such as {{, [, *, & or !.",
                SkillDocument.ExcerptOf(yaml, progress.Value - lineOffset)));
            return null;
        }
        catch (RefusedYamlException ex)
        {
            failed = true;
            findings.Add(new SkillFinding(SkillDocument.FileName, ex.Line, SkillSpecRules.FrontMatter, FindingSeverity.Block, ex.Message, SkillDocument.ExcerptOf(yaml, ex.Line - lineOffset)));
            return null;
        }
    }

    /// <summary>The 1-based YAML line of an error. YamlDotNet marks a tab in indentation at the mapping's start, so that line is found here.</summary>
    private static int YamlLineOf(YamlException ex, string yaml)
    {
        if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = yaml.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var indentation = lines[i].AsSpan(0, lines[i].Length - lines[i].AsSpan().TrimStart().Length);
                if (indentation.Contains('\t'))
                {
                    return i + 1;
                }
            }
        }

        return (int)Math.Clamp(ex.Start.Line, 1, int.MaxValue / 2);
    }

    private static string Explain(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        message = message.TrimEnd('.');
        if (message.Contains("mapping values are not allowed", StringComparison.OrdinalIgnoreCase)
            || message.Contains("While scanning a plain scalar", StringComparison.OrdinalIgnoreCase))
        {
            return message + ". Put values that contain ': ' or start with a special character in quotes, e.g. description: \"Use when: ...\".";
        }

        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            return message + ". YAML does not allow tabs for indentation; indent with spaces.";
        }

        return message + ".";
    }

    private static FrontMatterNode? ReadDocument(string yaml, int lineOffset, StrongBox<int> progress)
    {
        var parser = new Parser(new StringReader(yaml));
        var stack = new Stack<FrontMatterNode>();
        FrontMatterScalar? pendingKey = null;
        var pendingKeys = new Stack<FrontMatterScalar?>();
        FrontMatterNode? root = null;
        var documents = 0;
        var nodes = 0;

        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var line = lineOffset + (int)Math.Max(1, Math.Min(current.Start.Line, int.MaxValue / 2));
            progress.Value = line;
            switch (current)
            {
                case DocumentStart when ++documents > 1:
                    throw new RefusedYamlException(line, "The front matter holds more than one YAML document; keep a single map of fields between the '---' lines.");
                case AnchorAlias:
                    throw new RefusedYamlException(line, "YAML aliases (*name) are not allowed in SKILL.md front matter; write the value out.");
                case NodeEvent node when !node.Tag.IsEmpty && !node.Tag.IsNonSpecific && !CoreTags.Contains(node.Tag.Value):
                    throw new RefusedYamlException(line, $"The YAML tag '{node.Tag.Value}' is not allowed in SKILL.md front matter; remove it and write a plain value.");
            }

            FrontMatterNode? created = current switch
            {
                Scalar scalar => new FrontMatterScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, line),
                MappingStart => new FrontMatterMapping(line),
                SequenceStart => new FrontMatterSequence(line),
                _ => null,
            };

            if (created is not null)
            {
                if (++nodes > MaxNodes)
                {
                    throw new RefusedYamlException(line, $"The front matter has more than {MaxNodes} YAML nodes; keep it to a few fields.");
                }

                if (stack.Count == 0)
                {
                    root = created;
                }
                else if (!Attach(stack.Peek(), created, ref pendingKey))
                {
                    throw new RefusedYamlException(line, "A key in the front matter is a list or a map; keys must be plain strings.");
                }

                if (created is not FrontMatterScalar)
                {
                    if (stack.Count >= MaxDepth)
                    {
                        throw new RefusedYamlException(line, $"The front matter nests deeper than {MaxDepth} levels; keep it flat.");
                    }

                    stack.Push(created);
                    pendingKeys.Push(pendingKey);
                    pendingKey = null;
                }
            }
            else if (current is MappingEnd or SequenceEnd)
            {
                stack.Pop();
                pendingKey = pendingKeys.Pop();
            }
        }

        return root;
    }

    /// <summary>Adds a child to a list, or as the key or the value of a map entry. False when a key is not a scalar.</summary>
    private static bool Attach(FrontMatterNode parent, FrontMatterNode child, ref FrontMatterScalar? pendingKey)
    {
        switch (parent)
        {
            case FrontMatterSequence sequence:
                sequence.Items.Add(child);
                return true;
            case FrontMatterMapping mapping when pendingKey is null:
                if (child is not FrontMatterScalar key)
                {
                    return false;
                }

                pendingKey = key;
                return true;
            case FrontMatterMapping mapping:
                mapping.Entries.Add(new KeyValuePair<FrontMatterScalar, FrontMatterNode>(pendingKey!, child));
                pendingKey = null;
                return true;
            default:
                return false;
        }
    }
}
