namespace Chitin.Memory.Model;

/// <summary>What kind of knowledge an item is.</summary>
public enum MemoryLayer
{
    /// <summary>This session's scratch; never shown to later sessions.</summary>
    Working,

    /// <summary>What happened: session digests, events with a time.</summary>
    Episodic,

    /// <summary>Facts and preferences about the user, projects and people.</summary>
    Semantic,

    /// <summary>How work is done here; may link to skills.</summary>
    Procedural,
}
