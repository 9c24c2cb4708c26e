namespace Chitin.Core.Sessions;

/// <summary>
/// A cheap fingerprint of a session's stored transcript: how many messages are not rewound, the sum of their sequence
/// numbers and the highest sequence number stored. Any other writer's append, rewind, un-rewind or deletion changes it,
/// so a holder of the transcript in memory can tell whether the store still holds what it holds.
/// </summary>
/// <param name="Count">Messages not marked rewound.</param>
/// <param name="SequenceSum">Sum of those messages' sequence numbers.</param>
/// <param name="LastSequence">Highest sequence number of any message, rewound or not (0 for none).</param>
public readonly record struct TranscriptStamp(long Count, long SequenceSum, long LastSequence);
