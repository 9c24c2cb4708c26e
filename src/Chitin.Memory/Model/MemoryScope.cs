namespace Chitin.Memory.Model;

/// <summary>Who shares an item. The scope key says which project, agent or session it belongs to.</summary>
public enum MemoryScope
{
    /// <summary>Shared by every agent of the user. Scope key is empty.</summary>
    User,

    /// <summary>Tied to a workspace. Scope key is the workspace's full path.</summary>
    Project,

    /// <summary>Private to one named agent profile. Scope key is the agent name.</summary>
    Agent,

    /// <summary>Private to one session. Scope key is the session id.</summary>
    Session,
}
