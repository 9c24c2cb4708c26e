namespace Chitin.Skills.Distill;

/// <summary>
/// Writes a flat YAML mapping with YamlDotNet's emitter (event level, no reflection, so it works in a Native AOT build):
/// the emitter quotes whatever YAML syntax requires, and a value a reader would take for a number, boolean or null
/// ("1", "true", "~") is double-quoted so it stays a string.
/// </summary>
internal static partial class FrontMatterWriter
{
    /// <param name="entries">Keys with a string value or a nested mapping of strings, in the order to write them.</param>
    public static string Write(IEnumerable<KeyValuePair<string, object>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        WriteMapping(emitter, entries);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void WriteMapping(Emitter emitter, IEnumerable<KeyValuePair<string, object>> entries)
    {
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
        foreach (var (key, value) in entries)
        {
            WriteScalar(emitter, key);
            switch (value)
            {
                case string scalar:
                    WriteScalar(emitter, scalar);
                    break;
                case IEnumerable<KeyValuePair<string, string>> nested:
                    WriteMapping(emitter, nested.Select(p => new KeyValuePair<string, object>(p.Key, p.Value)));
                    break;
                default:
                    throw new ArgumentException($"Front matter value for '{key}' must be a string or a mapping of strings.", nameof(entries));
            }
        }

        emitter.Emit(new MappingEnd());
    }

    private static void WriteScalar(Emitter emitter, string value)
    {
        var style = NonString().IsMatch(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>Plain scalars the YAML 1.1/1.2 core schemas resolve to something other than a string.</summary>
    [GeneratedRegex(@"^(?:|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|[-+]?[0-9_]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NonString();
}
