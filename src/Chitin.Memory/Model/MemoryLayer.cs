namespace Chitin.Memory.Model;

/// <summary>What kind of knowledge an item is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemoryLayer>))]
public enum MemoryLayer
{
    /// <summary>This session's scratch; never shown to later sessions.</summary>
    [JsonStringEnumMemberName("working")]
    Working,

    /// <summary>What happened: session digests, events with a time.</summary>
    [JsonStringEnumMemberName("episodic")]
    Episodic,

    /// <summary>Facts and preferences about the user, projects and people.</summary>
    [JsonStringEnumMemberName("semantic")]
    Semantic,

    /// <summary>How work is done here; may link to skills.</summary>
    [JsonStringEnumMemberName("procedural")]
    Procedural,
}
