namespace Chitin.Memory.Model;

/// <summary>How an item came in (<see cref="MemorySource.Kind"/>), stored as "session", "message", "import", "cli" or "mcp".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MemorySourceKind>))]
public enum MemorySourceKind
{
    /// <summary>Saved by the model with memory_save during a session.</summary>
    [JsonStringEnumMemberName("session")]
    Session,

    /// <summary>Extracted from a message by automatic capture (before compaction or at session end).</summary>
    [JsonStringEnumMemberName("message")]
    Message,

    /// <summary>Imported or synced from a Markdown file.</summary>
    [JsonStringEnumMemberName("import")]
    Import,

    /// <summary>Added by the user with the CLI.</summary>
    [JsonStringEnumMemberName("cli")]
    Cli,

    /// <summary>Saved by another agent through <c>chitin mcp serve</c>.</summary>
    [JsonStringEnumMemberName("mcp")]
    Mcp,
}
