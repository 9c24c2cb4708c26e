namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Decoded text executed: <c>echo … | base64 -d | bash</c>, <c>eval "$(echo … | base64 --decode)"</c>,
/// <c>exec(base64.b64decode(…))</c>, <c>eval(atob(…))</c>, <c>powershell -enc …</c>, <c>iex ([Convert]::FromBase64String(…))</c>.
/// There is no honest reason to hide a command from the reader, so this always blocks.
/// </summary>
internal sealed partial class DecodeAndExecuteRule() : LineRule(
    "exec.decode-and-execute", FindingSeverity.Block, "Encoded text decoded and executed (base64 -d | sh, eval of decoded text, exec(b64decode(…)), powershell -enc).")
{
    protected override SearchValues<string> Triggers { get; } = Words("base64", "b64", "xxd", "openssl", "uudecode", "decode", "unhexlify", "fromhex", "atob", "fromcharcode", "-enc", "-e ", "-ec ", "encodedcommand", "marshal", "decompress", "unescape", "rev", "buffer.from");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        const string Message = "Decodes hidden text and executes it, so what runs cannot be read in the skill. The ClawHavoc skills used exactly this (echo '…' | base64 -D | bash) to fetch the AMOS stealer. Remove it.";
        var match = Patterns.FirstMatch(unit.Code, DecodePipedToShell(), EvalOfDecoded(), ScriptDecodeExec(), EncodedPowerShell(), PowerShellFromBase64());
        ReportFirst(file, unit, match, inCode: true, sink, FindingSeverity.Block, Message);
    }

    [GeneratedRegex(@"\b(" + Patterns.Decode + @"|\brev\b|\bgunzip\b|\bzcat\b|\b(gzip|bzip2|xz)\s+-d)[^;&\n]*\|\s*" + Patterns.Shell, Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex DecodePipedToShell();

    [GeneratedRegex(@"\b(eval|exec|source|(ba|z|k|da)?sh\s+(-\w+\s+)*-c|python[0-9.]*\s+-c|(ba|z)?sh\s+<\()\s*(\$\(|`|<\()?[^\n]*\b(" + Patterns.Decode + @")", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex EvalOfDecoded();

    [GeneratedRegex(@"\b(exec|eval|new\s+Function|Function|compile|setTimeout|setInterval|vm\.runInNewContext|vm\.runInThisContext)\s*\([^\n]*\b(b64decode|b32decode|b16decode|a85decode|b85decode|unhexlify|fromhex|decompress|marshal\.loads|codecs\.decode|decode_base64|atob|fromCharCode|unescape|Buffer\.from|pack\s*\(\s*H|rot13)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ScriptDecodeExec();

    [GeneratedRegex(@"\b(powershell|pwsh)(\.exe)?\b[^\n]*\s-(e|ec|en|enc|enco|encod|encode|encoded|encodedcommand)\s+[A-Za-z0-9+/=]{16,}", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex EncodedPowerShell();

    [GeneratedRegex(@"\bFromBase64String\b[^\n]*\b(iex|invoke-expression|invoke-command|scriptblock|\.invoke\(|start-process)\b|\b(iex|invoke-expression|scriptblock\]::create)\b[^\n]*\bFromBase64String\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex PowerShellFromBase64();
}
