namespace Chitin.Memory.Capture;

/// <summary>What one capture did: how many facts the model found and what the store made of them.</summary>
public sealed record MemoryCaptureResult
{
    public required MemoryCaptureStatus Status { get; init; }

    /// <summary>Valid facts in the model's answer (after the <see cref="MemoryCaptureOptions.MaxFacts"/> cap).</summary>
    public int Extracted { get; init; }

    public int Created { get; init; }

    /// <summary>Facts the store already knew; nothing new was written for them.</summary>
    public int Duplicates { get; init; }

    /// <summary>Facts that replaced older items about the same subject.</summary>
    public int Superseded { get; init; }

    /// <summary>Facts stored with a conflict recorded for the user to settle.</summary>
    public int Conflicts { get; init; }

    /// <summary>Ids of the stored (or already known) items, in answer order.</summary>
    public IReadOnlyList<string> ItemIds { get; init; } = [];

    /// <summary>
    /// Sequence number of the last message captured so far for the session; 0 when a capture with a minimum of new
    /// tokens found the whole session too short and did not read the mark.
    /// </summary>
    public long CapturedThrough { get; init; }

    /// <summary>Why nothing (or less than asked) was stored, for the user's log; null when all went well.</summary>
    public string? Warning { get; init; }

    /// <summary>The metered extraction call; null when no model answer came back.</summary>
    public UsageRecord? Usage { get; init; }
}
