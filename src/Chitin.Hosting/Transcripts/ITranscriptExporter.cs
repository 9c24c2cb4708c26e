namespace Chitin.Hosting.Transcripts;

/// <summary>Writes a session's transcript in one format.</summary>
public interface ITranscriptExporter
{
    /// <summary>Format name as given to <c>--format</c>.</summary>
    string Format { get; }

    /// <summary>Suggested file extension, with the dot.</summary>
    string Extension { get; }

    Task WriteAsync(SessionInfo session, IReadOnlyList<SessionMessage> messages, TextWriter output, CancellationToken cancellationToken);
}
