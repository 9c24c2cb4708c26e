using System.Text.RegularExpressions;

namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Recognises documentation that warns about a pattern, detects it or searches for it, as security skills and audit
/// scripts do. A match in such context is reported at most as a warning, never hidden.
/// </summary>
internal static partial class CautionContext
{
    public static bool IsCautionary(ReadOnlySpan<char> line) => Vocabulary().IsMatch(line);

    /// <summary>Data files (pattern lists, rule tables) are also read as cautionary near words like "pattern" or "severity".</summary>
    public static bool IsCautionaryData(ReadOnlySpan<char> line) => Vocabulary().IsMatch(line) || DataVocabulary().IsMatch(line);

    /// <summary>A search for a pattern (grep, ripgrep, Select-String, a regex literal), not a command that runs it.</summary>
    public static bool IsSearch(string codeLine)
    {
        var trimmed = codeLine.TrimStart();
        if (SearchCommand().IsMatch(trimmed))
        {
            return !trimmed.Contains(';', StringComparison.Ordinal) && !trimmed.Contains("&&", StringComparison.Ordinal);
        }

        return RegexDefinition().IsMatch(codeLine);
    }

    [GeneratedRegex(
        @"\b(never|don'?t|do\s+not|avoid|must\s+not|should\s+not|shouldn'?t)\s+(ever\s+|blindly\s+)?(run|pipe|execute|paste|copy|use|install|trust|type|download|open|source|eval|do\s+this|follow|share|give|enter)\b"
        + @"|\b(malicious|malware|attackers?|red[- ]flags?|suspicious|dangerous|unsafe|insecure|anti-?patterns?|exfiltrat\w*|phishing|stealers?|backdoors?|IOCs?|indicators?\s+of\s+compromise|typosquat\w*|threats?|vulnerab\w*|detections?|detects?|detected|flag(s|ged)?\s+(skills?|patterns?|commands?|files?|lines?|usage|as|any|suspicious)|warns?|warning\s+signs?|bad\s+example|what\s+not\s+to\s+do|compromised?|scam\w*|social\s+engineering|known[- ]bad|blocklist|denylist)\b"
        + @"|\u274C|\uD83D\uDEAB",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking,
        500)]
    private static partial Regex Vocabulary();

    [GeneratedRegex(@"\b(patterns?|regex(es)?|signatures?|indicators?|severity|rules?|iocs?|matchers?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex DataVocabulary();

    [GeneratedRegex(@"^(sudo\s+)?(grep|egrep|fgrep|rg|ag|ack|git\s+grep|select-string|findstr|semgrep|yara)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex SearchCommand();

    [GeneratedRegex(@"\bre\.(compile|search|match|findall|fullmatch|finditer)\s*\(|\bnew\s+RegExp\s*\(|\bRegex\s*\(|\bpattern\s*[:=]|\bpatterns\s*[:=]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex RegexDefinition();
}
