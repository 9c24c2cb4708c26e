namespace Chitin.Skills.Vetting;

/// <summary>How bad a finding is. Any <see cref="Block"/> blocks the skill; any <see cref="Warning"/> makes it need approval.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Block,
}
