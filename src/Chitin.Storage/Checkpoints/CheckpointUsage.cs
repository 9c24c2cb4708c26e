namespace Chitin.Storage.Checkpoints;

/// <summary>Space the checkpoints use, for <c>chitin doctor</c>.</summary>
public sealed record CheckpointUsage(long Checkpoints, long Sessions, long Objects, long Bytes, string Root);
