namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Switching off the operating system's malware defences: removing macOS quarantine (<c>xattr -d com.apple.quarantine</c>,
/// the last step of the stealer chain 1Password described: a block for a file just downloaded (its curl -o target, or a
/// temporary or hidden path), otherwise a warning since vendors document it for their own tools), disabling Gatekeeper or SIP and excluding
/// paths from Defender (blocks).
/// </summary>
internal sealed partial class GatekeeperBypassRule() : LineRule(
    "exec.security-bypass", FindingSeverity.Block, "Disabling OS malware defences: removing macOS quarantine, disabling Gatekeeper/SIP, Defender exclusions.")
{
    protected override SearchValues<string> Triggers { get; } = Words("xattr", "quarantine", "spctl", "csrutil", "mppreference", "defender", "setenforce", "amsi");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        if (ReportCode(file, unit, sink, AlwaysBlock(), FindingSeverity.Block,
            "Turns off the operating system's malware protection (Gatekeeper, SIP, Defender, SELinux, AMSI). No skill needs this; remove it."))
        {
            return;
        }

        var quarantine = QuarantineRemoval().Match(unit.Code);
        if (!quarantine.Success)
        {
            return;
        }

        var target = unit.Code[quarantine.Index..].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(t => !t.StartsWith('-')) ?? string.Empty;
        var block = file.Blocks[unit.Block];
        var downloaded = TemporaryOrHidden().IsMatch(target)
            || (!block.IsProse && target.Length > 2 && (block.Code.Contains("-o " + target, StringComparison.Ordinal) || block.Code.Contains("--output " + target, StringComparison.Ordinal) || block.Code.Contains("-OutFile " + target, StringComparison.OrdinalIgnoreCase)));
        sink.AddBlockOrWarning(file, unit.LineOfCode(quarantine.Index), Id, downloaded,
            "Downloads a program and strips its macOS quarantine flag so Gatekeeper never checks it: the final step of the infostealer chain seen in malicious ClawHub skills. Remove it.",
            "Strips the macOS quarantine flag so Gatekeeper does not check the file; malicious skills end their infostealer chain this way. Only do it for software the user trusts and installed from a known source.",
            "xattr");
    }

    [GeneratedRegex(@"^\S*(/tmp/|/private/tmp/|\$TMPDIR|/dev/shm/|/var/tmp/)|/\.[\w.-]+/?$", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex TemporaryOrHidden();

    [GeneratedRegex(@"\bspctl\s+(--master-disable|--global-disable|--disable)\b|\bcsrutil\s+disable\b|\b(Set|Add)-MpPreference\b[^\n]*-(Disable\w+|Exclusion\w+)\b|\bsetenforce\s+0\b|\bAmsiUtils\b|\bamsiInitFailed\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex AlwaysBlock();

    [GeneratedRegex(@"\bxattr\s+(-\w+\s+)*(-d\s+com\.apple\.quarantine|-c|-cr|-rc|-rd\s+com\.apple\.quarantine|-dr\s+com\.apple\.quarantine)\b|\bxattr\b[^\n]*com\.apple\.quarantine", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex QuarantineRemoval();
}
