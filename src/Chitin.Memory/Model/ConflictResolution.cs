namespace Chitin.Memory.Model;

/// <summary>How the user settles a conflict.</summary>
public enum ConflictResolution
{
    /// <summary>The incoming item supersedes the existing one.</summary>
    KeepIncoming,

    /// <summary>The existing item supersedes the incoming one.</summary>
    KeepExisting,

    /// <summary>Both stay current; they do not contradict each other.</summary>
    KeepBoth,
}
