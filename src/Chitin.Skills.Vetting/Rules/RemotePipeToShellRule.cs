namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Remote code piped into a shell or interpreter: <c>curl … | sh</c>, <c>wget -qO- … | bash</c>, <c>bash &lt;(curl …)</c>,
/// <c>sh -c "$(curl …)"</c>, <c>eval "$(curl …)"</c>, <c>iwr … | iex</c>, <c>exec(urlopen(…).read())</c>, also when split
/// over continuation lines or through variables. Blocks, except for a short list of well-known vendor installers
/// (rustup, uv, nvm, Homebrew, Docker, Ollama…) run without sudo, which warn so the user decides.
/// </summary>
internal sealed partial class RemotePipeToShellRule() : LineRule(
    "exec.remote-pipe-to-shell", FindingSeverity.Block, "Remote code piped into a shell or interpreter (curl | sh, bash <(curl …), eval \"$(curl …)\", iwr | iex).")
{
    protected override SearchValues<string> Triggers { get; } = Words("curl", "wget", "iwr", "irm", "invoke-", "downloadstring", "aria2c", "lwp-request", "nc ", "ncat", "urlopen", "requests.get", "httpx", "fetch", "net.webclient");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        var match = Patterns.FirstMatch(unit.Code, Pipe(), ProcessSubstitution(), CommandSubstitution(), PowerShellDownloadExecute(), InterpreterExecOfFetch());
        if (!match.Success)
        {
            return;
        }

        var line = unit.LineOfCode(match.Index);
        var urls = Urls.Find(unit.Code);
        var trust = urls.Count == 0 ? UrlTrust.Untrusted : urls.Max(u => Urls.Classify(u.Url, u.Host, u.Path));
        var hosts = string.Join(", ", urls.Select(u => u.Host).Distinct());
        if (trust == UrlTrust.KnownInstaller && !Root().IsMatch(match.Value))
        {
            sink.Add(file, line, Id, FindingSeverity.Warning,
                $"Pipes the installer from {hosts} straight into a shell. It is a well-known vendor installer, but prefer a package manager or a pinned, checksummed download.", FocusOf(match.Value));
            return;
        }

        var why = urls.Count == 0 ? "from a location the vetter cannot see (a variable or a bare host)"
            : trust == UrlTrust.Untrusted ? $"from {hosts}, a location typical of malware delivery (bare IP, plain HTTP, paste site, tunnel or user-uploaded content)"
            : $"from {hosts}";
        sink.Add(file, line, Id, FindingSeverity.Block,
            $"Downloads code {why} and runs it immediately: whatever the server returns executes with the user's rights. This is how the ClawHavoc skills delivered the AMOS stealer. Remove it, or ship the script inside the skill so it can be vetted.", FocusOf(match.Value));
    }

    [GeneratedRegex(@"\b" + Patterns.Fetch + @"\b[^;&\n]*\|\s*" + Patterns.Shell, Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Pipe();

    [GeneratedRegex(@"(^|[\s;&|(])((ba|z|k)?sh|source|\.|python[0-9.]*|perl|ruby|node)\s+<\(\s*(sudo\s+)?" + Patterns.Fetch + @"\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ProcessSubstitution();

    [GeneratedRegex(@"\b(eval|exec|source|(ba|z|k|da)?sh\s+(-\w+\s+)*-c|python[0-9.]*\s+-c|perl\s+-e|ruby\s+-e|node\s+-e|php\s+-r|osascript\s+-e)\s+(\$\(|`)\s*(sudo\s+)?" + Patterns.Fetch + @"\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex CommandSubstitution();

    [GeneratedRegex(@"\b(iex|invoke-expression)\b[^\n]*\b(iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloadfile|net\.webclient)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex PowerShellDownloadExecute();

    [GeneratedRegex(@"\b(exec|eval|new\s+Function|Function)\s*\([^\n]*\b(urlopen|requests\.get|httpx\.get|urllib\.request|fetch|axios\.get|https?\.get|downloadstring)\s*\(", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex InterpreterExecOfFetch();

    [GeneratedRegex(@"\|\s*sudo\b|\bsudo\s+(-\S+\s+)*(ba|z)?sh\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex Root();
}
