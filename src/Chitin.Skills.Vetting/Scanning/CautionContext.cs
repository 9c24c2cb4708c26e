namespace Chitin.Skills.Vetting.Scanning;

/// <summary>
/// Recognises documentation that warns about a pattern, detects it or searches for it, as security skills and audit
/// scripts do. A match in such context is reported at most as a warning, never hidden.
/// </summary>
internal static partial class CautionContext
{
    /// <summary>Every word the vocabulary can match starts with one of these, so lines without any skip the regular expression.</summary>
    private static readonly SearchValues<string> VocabularyStems = SearchValues.Create(
        ["never", "don", "do not", "avoid", "must not", "should", "malic", "malware", "attack", "prompt inj", "injection", "jailbr", "red flag", "red-flag",
         "suspicious", "dangerous", "unsafe", "insecure", "anti", "exfiltrat", "phishing", "stealer", "backdoor", "ioc", "indicator", "typosquat", "threat",
         "vulnerab", "detect", "flag", "warn", "bad example", "not to do", "compromis", "scam", "social engineering", "known-bad", "known bad", "blocklist",
         "denylist", "\u274C", "\uD83D\uDEAB"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> DataStems = SearchValues.Create(["pattern", "regex", "signature", "indicator", "severity", "rule", "ioc", "matcher"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> SearchStems = SearchValues.Create(["re.", "regexp", "regex(", "pattern"], StringComparison.OrdinalIgnoreCase);

    public static bool IsCautionary(ReadOnlySpan<char> line) => line.ContainsAny(VocabularyStems) && Vocabulary().IsMatch(line);

    /// <summary>Data files (pattern lists, rule tables) are also read as cautionary near words like "pattern" or "severity".</summary>
    public static bool IsCautionaryData(ReadOnlySpan<char> line) => IsCautionary(line) || (line.ContainsAny(DataStems) && DataVocabulary().IsMatch(line));

    /// <summary>A search for a pattern (grep, ripgrep, Select-String, a regex literal), not a command that runs it.</summary>
    public static bool IsSearch(string codeLine)
    {
        var trimmed = codeLine.TrimStart();
        if (trimmed.Length > 0 && char.ToLowerInvariant(trimmed[0]) is 'g' or 'e' or 'f' or 'r' or 'a' or 's' or 'y' && SearchCommand().IsMatch(trimmed))
        {
            return !trimmed.Contains(';', StringComparison.Ordinal) && !trimmed.Contains("&&", StringComparison.Ordinal);
        }

        return codeLine.AsSpan().ContainsAny(SearchStems) && RegexDefinition().IsMatch(codeLine);
    }

    [GeneratedRegex(
        @"\b(never|don'?t|do\s+not|avoid|must\s+not|should\s+not|shouldn'?t)\s+(ever\s+|blindly\s+)?(run|pipe|execute|paste|copy|use|install|trust|type|download|open|source|eval|do\s+this|follow|share|give|enter)\b"
        + @"|\b(malicious|malware|attacks?|attackers?|attack\s+patterns?|prompt\s+injections?|injection\s+attempts?|jailbreaks?|red[- ]flags?|suspicious|dangerous|unsafe|insecure|anti-?patterns?|exfiltrat\w*|phishing|stealers?|backdoors?|IOCs?|indicators?\s+of\s+compromise|typosquat\w*|threats?|vulnerab\w*|detections?|detects?|detected|flag(s|ged)?\s+(skills?|patterns?|commands?|files?|lines?|usage|as|any|suspicious)|warns?|warning\s+signs?|bad\s+example|what\s+not\s+to\s+do|compromised?|scam\w*|social\s+engineering|known[- ]bad|blocklist|denylist)\b"
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
