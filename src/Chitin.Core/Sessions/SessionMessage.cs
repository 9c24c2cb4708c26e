namespace Chitin.Core.Sessions;

/// <summary>
/// One persisted transcript entry. An assistant message may carry tool calls; a tool message answers one call
/// (<see cref="ToolCallId"/>). <see cref="Sequence"/> is assigned by the store, starting at 1.
/// </summary>
public sealed record SessionMessage
{
    public long Sequence { get; init; }

    public required MessageRole Role { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<ToolCallRecord>? ToolCalls { get; init; }

    public string? ToolCallId { get; init; }

    public string? ToolName { get; init; }

    /// <summary>
    /// On a tool result: the arguments the tool actually ran with, when a before_tool hook rewrote the model's (the
    /// model's own stay on the assistant message's <see cref="ToolCallRecord"/>); null when they ran as the model sent them.
    /// </summary>
    public string? RanArgumentsJson { get; init; }

    public bool IsError { get; init; }

    /// <summary>Step of the run that produced it (0 for user input).</summary>
    public int Step { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public MessageKind Kind { get; init; } = MessageKind.Message;

    /// <summary>For compaction markers: the last sequence number the summary replaces.</summary>
    public long? CompactsThrough { get; init; }

    /// <summary>For compaction markers: tool results up to this sequence number are replaced by short stubs.</summary>
    public long? PrunedThrough { get; init; }

    /// <summary>The turn this message belongs to was rewound: kept in the transcript, left out of every request.</summary>
    public bool Rewound { get; init; }

    public static SessionMessage User(string text, DateTimeOffset at) => new() { Role = MessageRole.User, Text = text, CreatedAt = at };
}
