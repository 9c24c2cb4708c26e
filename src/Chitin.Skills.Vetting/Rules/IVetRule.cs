using Chitin.Skills.Vetting.Scanning;

namespace Chitin.Skills.Vetting.Rules;

/// <summary>One static check over a skill's content. Rules only add findings; they never throw for bad content.</summary>
internal interface IVetRule
{
    /// <summary>A stable id such as "exec.remote-pipe-to-shell".</summary>
    string Id { get; }

    /// <summary>The most severe finding the rule reports.</summary>
    FindingSeverity Severity { get; }

    /// <summary>What the rule checks, in one sentence.</summary>
    string Description { get; }

    void Check(SkillScan scan, FindingSink sink);
}
