namespace Chitin.Memory.Model;

/// <summary>Who shares an item. The scope key says which project, agent or session it belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemoryScope>))]
public enum MemoryScope
{
    /// <summary>Shared by every agent of the user. Scope key is empty.</summary>
    [JsonStringEnumMemberName("user")]
    User,

    /// <summary>Tied to a workspace. Scope key is the workspace's full path.</summary>
    [JsonStringEnumMemberName("project")]
    Project,

    /// <summary>Private to one named agent profile. Scope key is the agent name.</summary>
    [JsonStringEnumMemberName("agent")]
    Agent,

    /// <summary>Private to one session. Scope key is the session id.</summary>
    [JsonStringEnumMemberName("session")]
    Session,
}
