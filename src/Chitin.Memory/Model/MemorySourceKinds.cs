namespace Chitin.Memory.Model;

/// <summary>The known values of <see cref="MemorySource.Kind"/>.</summary>
public static class MemorySourceKinds
{
    /// <summary>Saved by the model with memory_save during a session.</summary>
    public const string Session = "session";

    /// <summary>Extracted from a message by automatic capture (before compaction or at session end).</summary>
    public const string Message = "message";

    /// <summary>Imported or synced from a Markdown file.</summary>
    public const string Import = "import";

    /// <summary>Added by the user with the CLI.</summary>
    public const string Cli = "cli";

    /// <summary>Saved by another agent through <c>chitin mcp serve</c>.</summary>
    public const string Mcp = "mcp";
}
