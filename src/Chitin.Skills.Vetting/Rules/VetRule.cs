namespace Chitin.Skills.Vetting.Rules;

/// <summary>One static check over a skill's content. Rules only add findings; they never throw for bad content.</summary>
/// <param name="id">A stable id such as "exec.remote-pipe-to-shell".</param>
/// <param name="severity">The most severe finding the rule reports.</param>
/// <param name="description">What the rule checks, in one sentence.</param>
internal abstract class VetRule(string id, FindingSeverity severity, string description)
{
    /// <summary>A stable id such as "exec.remote-pipe-to-shell".</summary>
    public string Id { get; } = id;

    /// <summary>The most severe finding the rule reports.</summary>
    public FindingSeverity Severity { get; } = severity;

    /// <summary>What the rule checks, in one sentence.</summary>
    public string Description { get; } = description;

    public abstract void Check(SkillScan scan, FindingSink sink);
}
