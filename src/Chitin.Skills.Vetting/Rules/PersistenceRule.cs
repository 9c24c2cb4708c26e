namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Making something run again later: crontab entries, shell start-up files, systemd units, launchd agents, desktop and
/// Windows autostart, scheduled tasks, SSH authorized_keys, sudoers and ld.so.preload. A legitimate setup step can do
/// some of this, so on its own it warns; combined with a download, a decoder, a reverse shell or a temporary path it blocks.
/// </summary>
internal sealed partial class PersistenceRule() : LineRule(
    "persist.autostart", FindingSeverity.Block, "Persistence: crontab, shell rc files, systemd units, launchd agents, autostart entries, authorized_keys, sudoers.")
{
    protected override SearchValues<string> Triggers { get; } = Words(
        "cron", ".bashrc", ".bash_profile", ".bash_login", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".cshrc", ".tcshrc", ".kshrc",
        "/etc/profile", "bash.bashrc", "zsh/zshrc", "/etc/environment", "$profile", "systemd", "systemctl", "launchagents", "launchdaemons", "launchctl",
        "runatload", "autostart", "currentversion", "schtasks", "scheduledtask", "programs/startup", "rc.local", "init.d", "update-rc.d",
        "authorized_keys", "sudoers", "nopasswd", "ld.so.preload", "alias ", "config.fish");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        var code = unit.Code;
        if (ReportCode(file, unit, sink, AlwaysMalicious(), FindingSeverity.Block,
            "Grants itself lasting privileges (sudoers NOPASSWD, ld.so.preload, a hijacked sudo/su/passwd alias). No skill needs this; remove it."))
        {
            return;
        }

        var authorizedKeys = AuthorizedKeysWrite().Match(code);
        if (authorizedKeys.Success)
        {
            var literalKey = LiteralPublicKey().IsMatch(code);
            sink.AddBlockOrWarning(file, unit.LineOfCode(authorizedKeys.Index), Id, literalKey,
                "Adds an SSH public key shipped in the skill to authorized_keys: whoever holds the private key can log in to this machine. Remove it.",
                "Writes to SSH authorized_keys, granting remote login. Check whose key this is.",
                "authorized_keys");
            return;
        }

        foreach (var (pattern, what) in (ReadOnlySpan<(Regex, string)>)[(Cron(), "a cron job"), (ShellStartup(), "a shell start-up file"), (Systemd(), "a systemd unit"), (Launchd(), "a launchd agent"), (Autostart(), "an autostart entry or scheduled task")])
        {
            var match = pattern.Match(code);
            if (!match.Success || (file.Lines[unit.LineOfCode(match.Index)].Zone is LineZone.Prose && pattern != Cron() && !HasCommandShape(code)))
            {
                continue;
            }

            var block = file.Blocks[unit.Block];
            var escalated = Escalation().IsMatch(code) || (!block.IsProse && Escalation().IsMatch(block.Code));
            if (!escalated && pattern == ShellStartup() && EnvironmentOnlyLine().IsMatch(code))
            {
                sink.Add(file, unit.LineOfCode(match.Index), Id, FindingSeverity.Info,
                    "Adds an environment variable or alias to a shell start-up file; harmless on its own, but it persists after the task.", FocusOf(match.Value));
                return;
            }

            sink.AddBlockOrWarning(file, unit.LineOfCode(match.Index), Id, escalated,
                $"Installs {what} that downloads, decodes or connects out every time it runs: a persistent backdoor. Remove it.",
                $"Installs {what}, so something keeps running after the task. Make sure the user asked for it and knows how to undo it.",
                FocusOf(match.Value));
            return;
        }
    }

    private static bool HasCommandShape(string code) => code.Contains('>', StringComparison.Ordinal) || code.Contains("tee", StringComparison.Ordinal) || code.Contains("systemctl", StringComparison.Ordinal) || code.Contains("launchctl", StringComparison.Ordinal);

    [GeneratedRegex(@"(>>?|\btee\s+(-a\s+)?)\s*/etc/sudoers(\.d/\S*)?|\bNOPASSWD\s*:\s*ALL\b|/etc/ld\.so\.preload|\balias\s+(sudo|su|passwd|ssh)\s*=", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex AlwaysMalicious();

    [GeneratedRegex(@"(>>?|\btee\b|\bcat\s*>|\bcp\b|\bAdd-Content\b|\bOut-File\b|\becho\b|\bprintf\b)[^\n]*\.ssh/authorized_keys2?\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex AuthorizedKeysWrite();

    [GeneratedRegex(@"\b(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\d+)\s+AAAA[A-Za-z0-9+/]{20,}", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex LiteralPublicKey();

    [GeneratedRegex(@"\|\s*(sudo\s+)?crontab\b|\bcrontab\s+[~/$\w][\w~/$.-]*[./][\w~/$.-]*|/etc/cron\.(d|daily|hourly|weekly|monthly)/|/etc/crontab\b|/var/spool/cron|@reboot\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Cron();

    [GeneratedRegex(@"(>>?|\btee\s+(-a\s+)?|\bcat\s*>>?|\bcp\s+\S+\s+|\bln\s+-sf?\s+\S+\s+|\bAdd-Content\s+(-Path\s+)?|\bOut-File\s+(-Append\s+)?(-FilePath\s+)?)\s*(~|\$HOME|\$\{HOME\}|/home/[\w.-]+|/root|/Users/[\w.-]+)/\.(bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin|cshrc|tcshrc|kshrc|config/fish/config\.fish)\b|(>>?|\btee\s+(-a\s+)?)\s*/etc/(profile|bash\.bashrc|zsh/zshrc|zshenv|environment)\b|(Add-Content|Out-File|Set-Content)[^\n]*\$PROFILE\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ShellStartup();

    [GeneratedRegex(@"(/etc/systemd/system/|/usr/lib/systemd/system/|/lib/systemd/system/|\.config/systemd/user/)[\w@.-]*\.(service|timer|path|socket)\b|\bsystemctl\s+(--user\s+)?(enable|daemon-reload)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Systemd();

    [GeneratedRegex(@"Library/Launch(Agents|Daemons)\b|\blaunchctl\s+(load|bootstrap|submit|enable)\b|<key>\s*RunAtLoad\s*</key>", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Launchd();

    [GeneratedRegex(@"\.config/autostart/|/etc/xdg/autostart|CurrentVersion/Run(Once)?\b|\bschtasks(\.exe)?\s+/create\b|\b(Register-ScheduledTask|New-ScheduledTask)\b|Start Menu/Programs/Startup|/etc/rc\.local\b|/etc/init\.d/|\bupdate-rc\.d\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Autostart();

    [GeneratedRegex(@"^\s*(echo|printf)\s+(export\s+[A-Za-z_]\w*=[^;&|`]*|alias\s+[\w-]+=[^;&|`]*)\s*>>\s*\S+\s*$", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex EnvironmentOnlyLine();

    [GeneratedRegex(@"\b(curl|wget|nc|ncat|socat|mkfifo|osascript|iwr|invoke-webrequest|invoke-restmethod|downloadstring|downloadfile|start-bitstransfer|certutil)\b|/dev/(tcp|udp)/|\bbase64\b|\bpython[0-9.]*\s+-c\b|/tmp/\.|/dev/shm/|\bbash\s+-i\b|\beval\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Escalation();
}
