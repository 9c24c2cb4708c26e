namespace Chitin.Skills.Library;

/// <summary>A source folder or archive that must not be installed (hostile, too large, not a skill).</summary>
internal sealed class SkillSourceException : Exception
{
    public SkillSourceException()
    {
    }

    public SkillSourceException(string message)
        : base(message)
    {
    }

    public SkillSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
