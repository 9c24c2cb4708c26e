namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// The whole environment (every variable, so every API key in it) dumped and sent over the network: <c>env | curl</c>,
/// <c>curl -d "$(env)"</c>, <c>requests.post(…, json=dict(os.environ))</c>, <c>fetch(…, {body: JSON.stringify(process.env)})</c>.
/// Reading a variable by name is fine.
/// </summary>
internal sealed partial class EnvironmentDumpRule() : VetRule(
    "exfil.environment-dump", FindingSeverity.Block, "The whole environment (all variables, so all API keys) dumped and sent over the network.")
{
    private static readonly SearchValues<string> Triggers = SearchValues.Create(["env", "environ", "getenvironmentvariables", "%env", "env.to_h"], StringComparison.OrdinalIgnoreCase);

    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            foreach (var unit in file.Units)
            {
                if (!unit.Code.AsSpan().ContainsAny(Triggers))
                {
                    continue;
                }

                if (unit.Zone is LineZone.Prose or LineZone.FrontMatter or LineZone.Hidden)
                {
                    CheckProse(file, unit, sink);
                    continue;
                }

                var strong = StrongDump().Match(unit.Code);
                var weak = strong.Success ? strong : WeakDump().Match(unit.Code);
                if (!weak.Success)
                {
                    continue;
                }

                var sentHere = Patterns.Sink().IsMatch(unit.Code);
                var sentInBlock = strong.Success && Patterns.Sink().IsMatch(file.Blocks[unit.Block].Code);
                if (sentHere || sentInBlock)
                {
                    sink.Add(file, unit.LineOfCode(weak.Index), Id, FindingSeverity.Block,
                        "Collects every environment variable (so every API key and token in it) in code that sends data over the network. Remove it; read the one variable you need by name.",
                        FocusOf(weak.Value));
                }
            }
        }
    }

    private void CheckProse(VetFile file, TextUnit unit, FindingSink sink)
    {
        var match = ProseDump().Match(unit.Text);
        if (match.Success)
        {
            var destination = unit.Text.Contains("://", StringComparison.Ordinal) || ProseDestination().IsMatch(unit.Text);
            sink.AddBlockOrWarning(file, unit.LineOfText(match.Index), Id, destination,
                "Tells the agent to send all environment variables somewhere; they hold the user's API keys and tokens. Remove it.",
                "Talks about sending all environment variables; make sure they never leave the machine.",
                FocusOf(match.Value));
        }
    }

    private static string FocusOf(string value) => value.Trim().Split(' ', '\n')[0];

    [GeneratedRegex(@"\$\(\s*(env|printenv|set|export\s+-p|declare\s+-x)\s*\)|`\s*(env|printenv)\s*`|\b(env|printenv)\s*\|\s*(base64|curl|nc|ncat|xxd|gzip|openssl|tee|wget|python[0-9.]*|jq|socat)\b|\b(env|printenv|export\s+-p)\s*>>?\s*[^&\s]|\bjson\.dumps?\s*\(\s*(dict\s*\(\s*)?os\.environ\b|\bstr\s*\(\s*os\.environ\s*\)|\bdict\s*\(\s*os\.environ\s*\)|\bJSON\.stringify\s*\(\s*process\.env\s*\)|\[(System\.)?Environment\]::GetEnvironmentVariables\s*\(|\bENV\.to_h\b|\bDumper\s*\(\s*\\?%ENV", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex StrongDump();

    [GeneratedRegex(@"\bos\.environ\.items\s*\(|\bObject\.(entries|keys|values)\s*\(\s*process\.env\s*\)|\b(Get-ChildItem|gci|dir|ls)\s+env:|\bos\.environ\s*[,)]|\bprocess\.env\s*[,)}]", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex WeakDump();

    [GeneratedRegex(@"\b(send|post|upload|transmit|forward|share|report|include|attach|copy|dump|exfiltrat\w*)\b[^\n]{0,60}\b(all\s+(the\s+)?|every\s+|the\s+(full|entire|complete|whole)\s+)(environment(\s+variables)?|env\s+vars|env(\s+output)?)\b|\boutput\s+of\s+`?(env|printenv)`?[^\n]{0,60}\b(to|into)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ProseDump();

    [GeneratedRegex(@"\b(webhook|endpoint|server|remote|url|collector|telemetry|discord|telegram|pastebin|gist)\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ProseDestination();
}
