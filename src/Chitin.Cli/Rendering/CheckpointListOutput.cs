namespace Chitin.Cli.Rendering;

public sealed record CheckpointListOutput(string SessionId, IReadOnlyList<CheckpointOutput> Checkpoints);
