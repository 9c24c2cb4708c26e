namespace Chitin.Memory.Sync;

/// <summary>A Markdown memory file (it may not exist yet) and its role; <see cref="Day"/> is set for daily logs.</summary>
internal sealed record MemoryFileTarget(string Path, MemoryFileRole Role, DateOnly? Day = null)
{
    /// <summary>The scopes whose items an export writes here, when asked for; null keeps the role's own (see <see cref="ExportSelection"/>).</summary>
    public IReadOnlySet<MemoryScope>? Scopes { get; init; }

    /// <summary>Files read by the same agent: an item imported from one of them is not exported into another.</summary>
    public string Audience => Role switch
    {
        MemoryFileRole.ClaudeProject => "claude",
        MemoryFileRole.AgentsProject => "agents",
        _ => "assistant",
    };
}
