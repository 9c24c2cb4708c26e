namespace Chitin.Hosting.Transcripts;

/// <summary>The export formats <c>chitin sessions export --format</c> accepts.</summary>
public static class TranscriptExporters
{
    public static IReadOnlyList<string> Formats { get; } = ["jsonl", "md"];

    public static ITranscriptExporter Create(string format) => format.ToLowerInvariant() switch
    {
        "jsonl" => new JsonlTranscriptExporter(),
        "md" or "markdown" => new MarkdownTranscriptExporter(),
        _ => throw new ArgumentException($"unknown export format '{format}'; use one of: {string.Join(", ", Formats)}", nameof(format)),
    };
}
