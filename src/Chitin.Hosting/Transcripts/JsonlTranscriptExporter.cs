namespace Chitin.Hosting.Transcripts;

/// <summary>One <see cref="SessionMessage"/> per line, exactly as stored: for programs and re-import.</summary>
public sealed class JsonlTranscriptExporter : ITranscriptExporter
{
    public string Format => "jsonl";

    public string Extension => ".jsonl";

    public async Task WriteAsync(SessionInfo session, IReadOnlyList<SessionMessage> messages, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync(JsonSerializer.Serialize(message, CoreJsonContext.Default.SessionMessage).AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }
}
