namespace Chitin.Storage.Checkpoints;

/// <summary>A checkpoint as <c>sessions checkpoints</c> lists it: its number in the session and the files its turn changed.</summary>
public sealed record CheckpointView(int Number, CheckpointRecord Record, IReadOnlyList<FileChange> Files);
