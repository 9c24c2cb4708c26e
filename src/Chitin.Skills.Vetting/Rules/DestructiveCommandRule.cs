namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Commands that destroy the system or the user's data: <c>rm -rf /</c>, <c>~</c> or <c>$HOME</c>, <c>mkfs</c>, <c>dd</c>
/// onto a disk, <c>chmod -R 777 /</c>, fork bombs, shadow-copy deletion. <c>rm -rf ./build</c> and other project paths are fine.
/// </summary>
internal sealed partial class DestructiveCommandRule() : LineRule(
    "destruct.dangerous-command", FindingSeverity.Block, "Destructive commands: rm -rf of /, ~ or system folders, mkfs, dd to a disk, chmod -R 777 /, fork bombs, shadow-copy deletion.")
{
    protected override SearchValues<string> Triggers { get; } = Words("rm ", "mkfs", "dd ", "/dev/sd", "/dev/nvme", "/dev/disk", "shred", "wipefs", "diskutil", "format ", "del ", "remove-item", "chmod", "chown", ":(){", "%0|%0", "vssadmin", "wmic shadowcopy", "cipher /w", "kill -9 -1", "find /", "rmdir", "--no-preserve-root");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        const string Message = "Destroys the operating system or the user's files. No skill needs this; remove it.";
        foreach (Match match in RecursiveRemoveOfRoot().Matches(unit.Code))
        {
            var flags = match.Groups["flags"].Value;
            if (flags.Contains('r', StringComparison.Ordinal) || flags.Contains('R', StringComparison.Ordinal) || flags.Contains("recursive", StringComparison.Ordinal))
            {
                sink.Add(file, unit.LineOfCode(match.Index), Id, FindingSeverity.Block, Message + $" ('rm {flags.Trim()} {match.Groups["target"].Value}')", "rm");
                return;
            }
        }

        ReportCode(file, unit, sink, OtherDestruction(), FindingSeverity.Block, Message);
    }

    [GeneratedRegex(@"\b(rm|rmdir)\s+(?<flags>((-[a-zA-Z]+|--[a-z-]+)\s+)+)(--\s+)?(?<target>/|/\*|~|~/|~/\*|\$HOME/?\*?|\$\{HOME\}/?\*?|/home/?\*?|/root/?|/etc/?|/usr/?|/var/?|/bin/?|/boot/?|/lib/?|/opt/?|/System/?|/Users/?\*?|[a-zA-Z]:/?)(\s|$|;|&|\||\))", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex RecursiveRemoveOfRoot();

    [GeneratedRegex(@"--no-preserve-root\b|\bmkfs(\.\w+)?\s+(-\S+\s+)*/dev/|\bdd\s+[^\n]*\bof=/dev/(sd|hd|nvme|disk|mmcblk|xvd|vd|rdisk)|[ \t]>\s*/dev/(sd[a-z]|nvme\d|disk\d|hd[a-z]|rdisk\d)\b|\bshred\s+[^\n]*/dev/|\bwipefs\s+(-\w+\s+)*-a\b|\bdiskutil\s+(eraseDisk|zeroDisk|secureErase|randomDisk)\b|\bformat\s+[a-z]:(\s|$)|\bdel\s+(/[a-z]\s+)*/[sfq]\b[^\n]*\b[a-z]:/(\s|\*|$)|\bRemove-Item\s+[^\n]*-Recurse[^\n]*([a-z]:/?(\s|$|\*)|\$env:(USERPROFILE|SystemRoot|HOMEDRIVE)|~(\s|$))|\bchmod\s+(-\w+\s+)*-R\s+(0?777|a\+rwx)\s+/(\s|$)|\bchown\s+(-\w+\s+)*-R\s+\S+\s+/(\s|$)|:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|%0\s*\|\s*%0|\bvssadmin(\.exe)?\s+delete\s+shadows\b|\bwmic\s+shadowcopy\s+delete\b|\bcipher\s+/w:|\bkill\s+-9\s+-1\b|\bfind\s+/\s+[^\n]*-delete\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex OtherDestruction();
}
