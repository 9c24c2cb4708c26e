namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Reads of credential stores. Stores no skill has a reason to read — SSH private keys, browser password and cookie
/// databases, crypto wallets, the macOS keychain, /etc/shadow, other agents' secrets such as ~/.clawdbot/.env and
/// ~/.openclaw/openclaw.json — block when read, copied, archived or sent, and warn when merely mentioned. Stores that
/// tools use routinely (~/.aws, ~/.kube/config, ~/.docker/config.json, ~/.netrc) block only when they are read and sent.
/// Key management (ssh-keygen, ssh-add, chmod, KUBECONFIG) is not a read.
/// </summary>
internal sealed partial class CredentialAccessRule() : LineRule(
    "cred.sensitive-read", FindingSeverity.Block, "Reads of credential stores: SSH keys, browser profiles and cookies, wallets, keychains, /etc/shadow, other agents' .env and config, cloud credentials.")
{
    protected override SearchValues<string> Triggers { get; } = Words(
        ".ssh", "login data", "web data", "local state", "key3.db", "key4.db", "logins.json", "/cookies", "cookies.sqlite", "formhistory", "signons",
        "chrome/", "google-chrome", "chromium", "bravesoftware", "brave-browser", "firefox/", ".mozilla", "microsoft/edge", "opera software", "vivaldi",
        "yandexbrowser", "wallet", "electrum", "exodus", "keystore", "solana", ".bitcoin", ".monero", "keychain", "security dump", "security find",
        "security export", "/etc/shadow", "/etc/gshadow", "master.passwd", "config/sam", "sekurlsa", "mimikatz", "lsass", "cmdkey", "vaultcmd",
        "microsoft/protect", "microsoft/credentials", ".clawdbot", ".openclaw", ".moltbot", ".claude/", ".codex/", ".config/openai", ".config/anthropic",
        ".config/gcloud", ".config/gh", "git-credentials", "gnupg", "password-store", "keyrings", ".kdbx", ".ppk", ".aws", ".kube", "gcloud",
        "application_default_credentials", ".azure", ".docker/", ".netrc", ".npmrc", ".pypirc", ".terraform.d", "vault-token", "find ~", "find /",
        "find $home", "find c:", "grep -", "rg -", "egrep",
        "nkbihfbeogaeaoehlefnkodbefgpgknn", "bfnaelmomeimhlpmgjnjophhpkkoljpa", "hnfanknocfeofbddgcijnmhnfnkdnaad", "ibnejdfjmmkpcnlpebklmnkoeoihofec",
        "fhbohimaelbohpjbbldcngcnapndodjp", "egjidjbpglichdcondbcbdnbeeppgdph", "aholpfdialjgjfhomihkjbmgjidlcdno", ".env");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        var code = unit.Code;
        if (ReportCode(file, unit, sink, Harvest(), FindingSeverity.Block,
            "Searches the whole home folder or disk for keys, wallets, .env files or passwords: credential harvesting. Remove it."))
        {
            return;
        }

        if (ReportCode(file, unit, sink, EnvFileUpload(), FindingSeverity.Block,
            "Sends a .env file over the network; .env files hold API keys and secrets. Remove it."))
        {
            return;
        }

        var prose = file.Lines[unit.FirstLine].Zone is LineZone.Prose or LineZone.FrontMatter or LineZone.Hidden;
        var sensitive = Sensitive().Match(code);
        while (sensitive.Success && IsPublicKey(code, sensitive))
        {
            sensitive = sensitive.NextMatch();
        }

        if (sensitive.Success)
        {
            ReportSensitive(file, unit, sink, sensitive, prose);
            return;
        }

        var routine = Routine().Match(code);
        if (routine.Success)
        {
            ReportRoutine(file, unit, sink, routine, prose);
        }
    }

    private void ReportSensitive(VetFile file, TextUnit unit, FindingSink sink, Match match, bool prose)
    {
        var code = unit.Code;
        var line = unit.LineOfCode(match.Index);
        var what = match.Value.Trim();
        if (!prose && KeyManagement().IsMatch(code) && !CodeAccess().IsMatch(code))
        {
            return;
        }

        var reads = prose ? ProseAccess().IsMatch(unit.Text) : CodeAccess().IsMatch(code) || Patterns.Sink().IsMatch(code);
        if (what.StartsWith("security find", StringComparison.OrdinalIgnoreCase) && !BrowserKeychainItem().IsMatch(code))
        {
            // Reading one named item (the skill's own token) is a normal use of the keychain; dumping or browser keys are not.
            sink.Add(file, line, Id, FindingSeverity.Warning, "Reads a password from the macOS keychain. Make sure it is only this skill's own item.", what);
            return;
        }

        sink.AddBlockOrWarning(file, line, Id, reads,
            $"Reads or copies '{what}', a credential store no skill needs (SSH private keys, browser passwords and cookies, wallets, keychain, other agents' secrets). This is what infostealers such as AMOS collect. Remove it.",
            $"Mentions the credential store '{what}'. Make sure nothing here reads or sends it.",
            what);
    }

    private void ReportRoutine(VetFile file, TextUnit unit, FindingSink sink, Match match, bool prose)
    {
        var code = unit.Code;
        var what = match.Value.Trim();
        if (prose)
        {
            if (ProseTransmit().IsMatch(unit.Text))
            {
                sink.Add(file, unit.LineOfCode(match.Index), Id, FindingSeverity.Block,
                    $"Tells the agent to send the contents of '{what}' somewhere; those are the user's cloud or registry credentials. Remove it.", what);
            }

            return;
        }

        // OpenClaw skills keep their own settings under skills.entries.<name> in the agent config; reading that is normal.
        if (!CodeAccess().IsMatch(code) || OwnSkillSettings().IsMatch(code))
        {
            return;
        }

        var sent = Patterns.Sink().IsMatch(code) || Patterns.Sink().IsMatch(file.Blocks[unit.Block].Code);
        sink.AddBlockOrWarning(file, unit.LineOfCode(match.Index), Id, sent,
            $"Reads '{what}' (the user's cloud or registry credentials) in code that also sends data over the network. Remove it.",
            $"Reads '{what}' (the user's cloud or registry credentials) directly; let the tool that owns them read them instead.",
            what);
    }

    private static bool IsPublicKey(string code, Match match)
    {
        var end = match.Index + match.Length;
        return match.Value.Contains("id_", StringComparison.OrdinalIgnoreCase) && end + 4 <= code.Length && code.AsSpan(end, 4).Equals(".pub", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(
        @"\.ssh/(id_[a-z0-9_-]+|identity)\b|\.ssh/?(\*|\s|$|\))"
        + @"|/login\s+data\b|(default|profile\s*\d*|user\s+data)/(cookies|web\s+data|local\s+state)\b|\bkey[34]\.db\b|\blogins\.json\b|\bcookies\.sqlite\b|\bformhistory\.sqlite\b|\bsignons\.sqlite\b"
        + @"|(google/chrome|google-chrome|chromium|bravesoftware|brave-browser|microsoft/edge|opera\s+software|vivaldi|\.mozilla/firefox|firefox/profiles|yandexbrowser)/(user\s+data|default|profile)"
        + @"|\bwallet\.dat\b|\.electrum/|electrum/wallets|exodus/exodus\.wallet|application\s+support/(exodus|electrum|atomic|ledger\s+live|coinomi|guarda|binance|bitcoin|monero|trezor)\b|\.ethereum/keystore|keystore/utc--|solana/id\.json|\.bitcoin/|\.monero/"
        + @"|nkbihfbeogaeaoehlefnkodbefgpgknn|bfnaelmomeimhlpmgjnjophhpkkoljpa|hnfanknocfeofbddgcijnmhnfnkdnaad|ibnejdfjmmkpcnlpebklmnkoeoihofec|fhbohimaelbohpjbbldcngcnapndodjp|egjidjbpglichdcondbcbdnbeeppgdph|aholpfdialjgjfhomihkjbmgjidlcdno"
        + @"|\bsecurity\s+(dump-keychain|find-generic-password|find-internet-password|export\s+-k)\b|\blogin\.keychain(-db)?\b|library/keychains\b|\bchainbreaker\b"
        + @"|/etc/(shadow|gshadow|master\.passwd)\b|system32/config/sam\b|\bsekurlsa\b|\bmimikatz\b|\blsass(\.exe|\.dmp)?\b|\bcmdkey\s+/list\b|\bvaultcmd\b|microsoft/(protect|credentials)/"
        + @"|\.clawdbot/(\.env|credentials|auth)|\.clawdbot/?(\s|$)|\.openclaw/(\.env|credentials|auth|identity|agents/[^\s/]+/(sessions|agent))|\.moltbot/(\.env|credentials|auth)|\.claude/\.credentials\.json|\.codex/auth\.json"
        + @"|\.git-credentials\b|\.gnupg/(private-keys|secring|trustdb)|\.gnupg/?(\s|$)|\.password-store\b|\.local/share/keyrings|\.kdbx\b|\.ppk\b",
        Patterns.Options,
        Patterns.TimeoutMs)]
    private static partial Regex Sensitive();

    [GeneratedRegex(@"\.skills\.entries\b|\[[""']?skills[""']?\]\s*\[[""']?entries", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex OwnSkillSettings();

    [GeneratedRegex(@"\b(chrome|chromium|brave|edge|opera|vivaldi|arc|safe\s+storage)\b|\s-ga\b|\s-g\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex BrowserKeychainItem();

    [GeneratedRegex(@"\.aws/(credentials|config)\b|\.aws/?(\s|$)|\.kube/config\b|\.config/gcloud\b|application_default_credentials\.json|\.azure/|\.docker/config\.json|\.netrc\b|\.npmrc\b|\.pypirc\b|\.config/gh/hosts\.yml|\.terraform\.d/credentials|\.vault-token\b|\.config/(openai|anthropic)/|\.(clawdbot|openclaw|moltbot)/(clawdbot|openclaw|moltbot)\.json\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Routine();

    [GeneratedRegex(@"\b(cat|cp|scp|rsync|tar|zip|7z|7za|gzip|base64|xxd|od|strings|head|tail|less|more|type|Get-Content|gc|Copy-Item|Compress-Archive|open|read|readFile|readFileSync|read_text|read_bytes|readlines|load|sqlite3|curl|wget|nc|upload|send|grep|awk|sed|jq|find|Invoke-WebRequest|shutil\.copy\w*|copyfile|fs\.copyFile|ditto|dd)\b|[<@]\s*[~/$]|\bsecurity\s+(dump|find|export)", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex CodeAccess();

    [GeneratedRegex(@"\b(ssh-keygen|ssh-add|ssh-copy-id|ssh\s+-i|chmod|chown|mkdir|touch|ls|stat|test\s+-\w|KUBECONFIG|--kubeconfig|aws\s+configure|gcloud\s+auth|az\s+login|docker\s+login|npm\s+login|--profile|AWS_PROFILE|IdentityFile|GIT_SSH_COMMAND)\b|\[\s+-[efsd]\s", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex KeyManagement();

    [GeneratedRegex(@"\b(read|reads|reading|cat|open|load|collect|gather|copy|copies|send|sends|upload|uploads|include|attach|print|output|extract|dump|grab|exfiltrat\w*|harvest|steal|post|forward|transmit|archive|zip|compress|encode|base64|decrypt|export)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ProseAccess();

    [GeneratedRegex(@"\b(send|sends|sending|upload|uploads|post|posts|forward|transmit|exfiltrat\w*|share|attach)\b|\binclude\s+(it|them|those|these|its\s+contents?|their\s+contents?|the\s+contents?)\s+(in|as|with)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ProseTransmit();

    [GeneratedRegex(@"\bfind\s+(~|/|\$HOME|/home|/Users|C:/)\S*\s[^\n]*-i?(name|path|regex)\s+[^\n]*(\.env|id_rsa|id_ed25519|\.pem|\.key\b|wallet|\.kdbx|credentials|\.ppk|keystore|\.sqlite|\.json)|\b(grep|rg|egrep)\s+(-\w+\s+)*[^\n]*\b(password|passwd|secret|api[_-]?key|private[_ ]key|mnemonic|seed\s+phrase|BEGIN\s+OPENSSH)\b[^\n]*\s(~|/|\$HOME|/home|/Users)/?(\s|$)", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Harvest();

    [GeneratedRegex(@"\b(curl|wget|nc|ncat|requests\.post|httpx\.post|fetch|invoke-webrequest|iwr|scp)\b[^\n]*(@|<\s*|-T\s+|--upload-file\s+|-InFile\s+)\S*\.env\b|\bcat\s+\S*\.env\b[^\n]*\|\s*(curl|nc|ncat|base64|wget)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex EnvFileUpload();
}
