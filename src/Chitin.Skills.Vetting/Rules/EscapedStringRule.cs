namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Commands spelled as escapes or character codes: <c>"\x63\x75\x72\x6c"</c>, octal, <c>\u00xx</c>,
/// <c>String.fromCharCode(99,117,…)</c>, <c>chr(99)+chr(117)</c>, PowerShell <c>[char]99</c>. Blocks when the decoded
/// text reads like a command; a long escaped string warns.
/// </summary>
internal sealed partial class EscapedStringRule() : LineRule(
    "obfusc.escaped-string", FindingSeverity.Block, "Commands hidden as \\x/octal/\\u escapes or character codes (fromCharCode, chr(), [char]).")
{
    private const int OpaqueEscapes = 20;

    protected override SearchValues<string> Triggers { get; } = Words("\\x", "\\u00", "\\0", "\\1", "\\2", "\\3", "fromcharcode", "chr(", "[char]");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        foreach (Match match in Escapes().Matches(unit.Text))
        {
            var decoded = Regex.Unescape(OctalToHex(match.Value));
            if (Report(file, unit, sink, match, decoded, escapes: match.Value.Count(c => c == '\\')))
            {
                return;
            }
        }

        foreach (Match match in CharCodes().Matches(unit.Text))
        {
            var builder = new StringBuilder();
            foreach (Match number in Number().Matches(match.Value))
            {
                if (int.TryParse(number.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code is > 0 and < 0x10000)
                {
                    builder.Append((char)code);
                }
            }

            if (Report(file, unit, sink, match, builder.ToString(), escapes: builder.Length))
            {
                return;
            }
        }
    }

    private bool Report(VetFile file, TextUnit unit, FindingSink sink, Match match, string decoded, int escapes)
    {
        if (DecodedPayloads.LooksDangerous(decoded))
        {
            sink.Add(file, unit.LineOfText(match.Index), Id, FindingSeverity.Block,
                $"Spells a command as escapes or character codes so it cannot be read ('{(decoded.Length > 60 ? decoded[..60] + "…" : decoded)}'). Write it in plain text or remove it.",
                match.Value[..Math.Min(16, match.Value.Length)], contextual: false);
            return true;
        }

        if (escapes >= OpaqueEscapes)
        {
            sink.Add(file, unit.LineOfText(match.Index), Id, FindingSeverity.Warning,
                "Contains a long string written as escapes or character codes; write it in plain text so it can be reviewed.",
                match.Value[..Math.Min(16, match.Value.Length)], contextual: false);
            return true;
        }

        return false;
    }

    private static string OctalToHex(string value) =>
        OctalEscape().Replace(value, m => "\\x" + Convert.ToInt32(m.Value[1..], 8).ToString("x2", CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(\\x[0-9a-fA-F]{2}|\\[0-3][0-7]{2}|\\u00[0-9a-fA-F]{2}){6,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Patterns.TimeoutMs)]
    private static partial Regex Escapes();

    [GeneratedRegex(@"\\[0-3][0-7]{2}", RegexOptions.CultureInvariant, Patterns.TimeoutMs)]
    private static partial Regex OctalEscape();

    [GeneratedRegex(@"fromCharCode\s*\(\s*\d{2,3}(\s*,\s*\d{2,3}){5,}|(\bchr\s*\(\s*\d{2,3}\s*\)\s*[+.,]\s*){5,}|(\[char\]\s*\d{2,3}\s*[+,]\s*){5,}|\b(bytes|bytearray)\s*\(\s*\[\s*\d{2,3}(\s*,\s*\d{2,3}){5,}", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex CharCodes();

    [GeneratedRegex(@"\d{2,3}", RegexOptions.CultureInvariant, Patterns.TimeoutMs)]
    private static partial Regex Number();
}
