namespace Chitin.Skills.Library;

/// <summary>A library operation that cannot be done, with a message that says why and what to do. Nothing was changed.</summary>
public sealed class SkillLibraryException : Exception
{
    public SkillLibraryException()
    {
    }

    public SkillLibraryException(string message)
        : base(message)
    {
    }

    public SkillLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SkillLibraryException(string message, VetReport? report)
        : base(message)
    {
        Report = report;
    }

    /// <summary>The vetting report behind a refusal, when there was one.</summary>
    public VetReport? Report { get; }
}
