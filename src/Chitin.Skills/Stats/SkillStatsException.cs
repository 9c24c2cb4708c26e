namespace Chitin.Skills.Stats;

/// <summary>The skill usage log cannot be opened, read or written; the message names the file and what to do.</summary>
public sealed class SkillStatsException : Exception
{
    public SkillStatsException()
    {
    }

    public SkillStatsException(string message)
        : base(message)
    {
    }

    public SkillStatsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
