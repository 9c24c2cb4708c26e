namespace Chitin.Skills.Vetting;

/// <summary>
/// Vets one piece of text that is about to reach the model (an MCP tool's description, a fetched page, an imported
/// memory file) with the content rules skills are vetted by: remote code piped to a shell, credential reads and
/// exfiltration, persistence, obfuscation, invisible characters and prompt injection. The skill-only rules (folder
/// limits, description quality, body size) do not apply. Thread-safe; rules hold no state.
/// </summary>
public sealed class ContentVetter
{
    private readonly VetRule[] rules = SkillVetter.CreateContentRules();

    /// <summary>The rules this vetter applies, for documentation.</summary>
    public IReadOnlyList<VetRuleInfo> Rules => [.. rules.Select(r => new VetRuleInfo(r.Id, r.Severity, r.Description))];

    /// <param name="name">
    /// What the text is, used as the findings' file name and to choose how it is read: a name ending in .md is read
    /// as Markdown (fences, HTML comments), .sh/.py/… as a script, anything else as plain text.
    /// </param>
    /// <param name="text">The content itself.</param>
    /// <returns>The verdict, the SHA-256 of the text's UTF-8 bytes, and the findings in line order.</returns>
    public VetReport Vet(string name, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var file = VetFileBuilder.Build(name, text);
        var scan = new SkillScan
        {
            Snapshot = new SkillFolderSnapshot(hash, [], FileLimitExceeded: false, TotalLimitExceeded: false),
            TextFiles = [file],
            BinaryFiles = [],
        };
        var sink = new FindingSink();
        foreach (var rule in rules)
        {
            try
            {
                rule.Check(scan, sink);
            }
            catch (RegexMatchTimeoutException)
            {
                sink.Add(name, 0, "vet.rule-timeout", FindingSeverity.Warning, $"Rule {rule.Id} timed out on this text, so it could not be checked; review it by hand.");
            }
        }

        var findings = sink.ToSortedList();
        return new VetReport(VetReport.VerdictOf(findings), hash, findings);
    }
}
