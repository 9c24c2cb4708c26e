namespace Chitin.Cli.Rendering;

/// <summary>One checkpoint as <c>sessions checkpoints --json</c> prints it.</summary>
public sealed record CheckpointOutput(
    int Number,
    long Id,
    string Kind,
    string State,
    long? RewoundBy,
    DateTimeOffset CreatedAt,
    string? Prompt,
    IReadOnlyList<FileChangeOutput> Files)
{
    public static CheckpointOutput From(CheckpointView view, string? prompt)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Record;
        return new CheckpointOutput(
            view.Number,
            r.Id,
            r.Kind == CheckpointKind.Rewind ? "rewind" : "turn",
            r.IsActive ? "active" : r.RewoundBy == r.Id ? "cancelled" : "rewound",
            r.RewoundBy,
            r.CreatedAt,
            prompt,
            [.. view.Files.Select(FileChangeOutput.From)]);
    }
}
