namespace Chitin.Storage.Checkpoints;

/// <summary>What a rewind did. <see cref="RewindId"/> is its own checkpoint: rewinding it undoes the rewind.</summary>
public sealed record RewindResult(
    string SessionId,
    long RewindId,
    int Turns,
    IReadOnlyList<FileChange> Files,
    int MessagesRewound,
    int MessagesRestored,
    IReadOnlyList<string> Notes);
