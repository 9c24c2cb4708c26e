namespace Chitin.Skills.Vetting;

/// <summary>A vetting rule as shown to users: its id, the most severe finding it reports, and what it checks.</summary>
public sealed record VetRuleInfo(string Id, FindingSeverity Severity, string Description);
