namespace Chitin.Skills.Vetting.Rules;

/// <summary>Regular-expression fragments shared by several rules, and the few whole patterns more than one rule uses.</summary>
internal static partial class Patterns
{
    public const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    public const int TimeoutMs = 500;

    /// <summary>Programs that fetch a URL to stdout.</summary>
    public const string Fetch = @"(curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|aria2c|lwp-request|downloadstring|ncat|nc|fetch)";

    /// <summary>A program that runs what it reads from stdin: shells, interpreters reading '-', PowerShell's iex, osascript.</summary>
    public const string Shell =
        @"(sudo\s+(-\S+\s+)*)?(env\s+(-\S+\s+)*)?(/usr)?(/local)?(/bin/)?"
        + @"((ba|z|k|da|fi|c|tc|a)?sh\b|pwsh\b|powershell(\.exe)?\b|iex\b|invoke-expression\b|osascript\b|source\b|(python[0-9.]*|perl|ruby|node|php)(\s+-)?\s*($|[;&|)\n]))";

    /// <summary>Decoders whose output can be a hidden command.</summary>
    public const string Decode = @"(base64|b64|gbase64)\s+(-\w*d\w*|--decode)\b|\bxxd\s+(-\w+\s+)*-r|\bopenssl\s+(enc\s+)?(-\w+\s+)*-?(base64|a)\b[^|;&\n]*\s-d\b|\buudecode\b";

    /// <summary>Things that send data off the machine.</summary>
    public const string NetworkSink =
        @"\b(curl|wget|nc|ncat|netcat|socat|scp|rsync|ftp|sftp|telnet|invoke-webrequest|invoke-restmethod|iwr|irm|requests\.(post|put|get|request|patch)|httpx\.|urllib|urlopen|http\.client|aiohttp|axios|xmlhttprequest|webclient|uploadstring|uploadfile|uploaddata|smtplib|sendmail|nslookup|sendall|https?\.request|superagent|node-fetch)\b|\bfetch\s*\(|discord(app)?\.com/api/webhooks|api\.telegram\.org";

    /// <summary>The first match of the first of <paramref name="patterns"/> that matches <paramref name="text"/>; a failed match when none does.</summary>
    public static Match FirstMatch(string text, params ReadOnlySpan<Regex> patterns)
    {
        foreach (var pattern in patterns)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                return match;
            }
        }

        return Match.Empty;
    }

    [GeneratedRegex(NetworkSink, Options, TimeoutMs)]
    public static partial Regex Sink();

    /// <summary>Text that, once decoded, reads like a command or code that touches secrets.</summary>
    [GeneratedRegex(
        @"\b(curl|wget|bash|zsh|/bin/sh|sh\s+-c|nc\s+-|ncat|/dev/tcp|powershell|iex|invoke-expression|eval|exec|osascript|chmod\s+\+?[0-7]*x|python[0-9.]*\s+-c|base64|xattr|rm\s+-rf|socket|subprocess|os\.system|child_process|require\s*\(|import\s+os|\.ssh/|wallet\.dat|keychain|\.env\b|/dev/tcp)",
        Options,
        TimeoutMs)]
    public static partial Regex DangerSignature();
}
