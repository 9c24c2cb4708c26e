namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// The ClawHavoc delivery: a "prerequisite" that sends the user or agent to download a password-protected archive
/// ("extract using pass: openclaw"), an executable or installer from an unknown host, or a command hosted on a paste
/// site (glot.io). The password exists only to keep antivirus from opening the archive.
/// </summary>
internal sealed partial class FakePrerequisiteRule() : LineRule(
    "exec.fake-prerequisite", FindingSeverity.Block, "Fake prerequisites: password-protected archives, executables or installers from unknown hosts, commands hosted on paste sites.")
{
    private static readonly string[] ExecutableExtensions =
        [".exe", ".msi", ".dmg", ".pkg", ".scr", ".bat", ".cmd", ".vbs", ".ps1", ".jar", ".apk", ".appimage", ".run", ".bin", ".command", ".app", ".deb", ".rpm", ".zip", ".rar", ".7z"];

    protected override SearchValues<string> Triggers { get; } = Words("pass", "pwd", "unzip", "7z", "unrar", "://", "extract");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        const string PasswordMessage = "Tells the user or agent to extract a password-protected archive. The password exists to stop antivirus from opening it; ClawHavoc skills shipped AMOS this way ('extract using pass: openclaw'). Remove it.";
        if ((ArchiveContext().IsMatch(unit.Text) && ReportText(file, unit, sink, PasswordValue(), FindingSeverity.Block, PasswordMessage))
            || ReportText(file, unit, sink, PasswordArchive(), FindingSeverity.Block,
                "Tells the user or agent to extract a password-protected archive. The password exists to stop antivirus from opening it; ClawHavoc skills shipped AMOS this way ('extract using pass: openclaw'). Remove it.")
            || ReportCode(file, unit, sink, PasswordExtractCommand(), FindingSeverity.Block,
                "Extracts a password-protected archive, a way to smuggle a payload past antivirus. Remove it."))
        {
            return;
        }

        var runs = RunWords().IsMatch(unit.Text);
        foreach (var (url, host, path) in Urls.Find(unit.Code))
        {
            var index = Math.Max(0, unit.Code.IndexOf(url, StringComparison.Ordinal));
            if (Urls.IsPasteSite(host) && runs)
            {
                sink.Add(file, unit.LineOfCode(index), Id, FindingSeverity.Block,
                    $"Sends the user or agent to run a command hosted on the paste site {host}; what runs can change at any time and is not in the skill. ClawHavoc used glot.io this way. Remove it.", url);
                return;
            }

            var fileName = path.Split('?', '#')[0];
            var extension = Array.Find(ExecutableExtensions, e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            var trust = Urls.Classify(url, host, path);
            if (extension is null || trust == UrlTrust.KnownInstaller || (extension is ".zip" or ".rar" or ".7z" && !runs))
            {
                continue;
            }

            sink.Add(file, unit.LineOfCode(index), Id, FindingSeverity.Block,
                $"Has the user or agent download and run '{Path.GetFileName(fileName)}' from {host}{(trust == UrlTrust.Untrusted ? ", a location typical of malware delivery," : string.Empty)} outside anything the vetter can inspect. Fake 'required driver/provider' downloads are how ClawHavoc delivered malware. Remove it, or use a package manager.",
                url);
            return;
        }
    }

    [GeneratedRegex(@"\b(pass(word)?|pwd|passcode|passphrase)[*_\s]*[:=]\s*[`*]*[\w!@#$%^&*.-]{2,}", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex PasswordValue();

    [GeneratedRegex(@"\b(zip|rar|7z|archive|extract|unzip|unpack|decompress)\b|\.(zip|rar|7z)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ArchiveContext();

    [GeneratedRegex(@"\b(archive|zip|rar|7z)\s+password[*_\s]*[:=]|\b(extract|unzip|unpack|open|decompress)\w*\b[^\n]{0,80}\b(with|using|via)\s+(the\s+)?(pass(word)?|pwd|passcode|key)\b|\b(password[- ]protected|encrypted)\s+(zip|archive|rar|7z)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex PasswordArchive();

    [GeneratedRegex(@"\bunzip\s+[^\n]*-P\s*\S+|\b7za?\s+[xe]\s+[^\n]*-p\S+|\bunrar\s+[^\n]*-p\S+|\bExpand-7Zip\b[^\n]*-Password\b", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Patterns.TimeoutMs)]
    private static partial Regex PasswordExtractCommand();

    [GeneratedRegex(@"\b(run|execute|launch|open|install|double[- ]click|paste|copy|terminal|setup|start)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex RunWords();
}
