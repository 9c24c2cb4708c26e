namespace Chitin.Memory.Knowledge;

/// <summary>A judge's answer about an incoming fact and a similar stored one.</summary>
public enum MemoryJudgement
{
    /// <summary>They state the same fact: the incoming one is a duplicate.</summary>
    Same,

    /// <summary>They are about the same thing and the incoming one replaces the stored one.</summary>
    Replaces,

    /// <summary>They are about different things: both stay.</summary>
    Independent,

    /// <summary>Cannot tell: a conflict is recorded for the user to settle.</summary>
    Unsure,
}
