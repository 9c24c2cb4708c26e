namespace Chitin.Cli.Rendering;

/// <summary><c>chitin skills vet --json</c>: verdict (pass, warn, block), the content hash it holds for, and every finding.</summary>
public sealed record SkillVetOutput(string Path, string Verdict, string ContentHash, IReadOnlyList<SkillFinding> Findings);
