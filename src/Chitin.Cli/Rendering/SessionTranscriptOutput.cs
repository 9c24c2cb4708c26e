namespace Chitin.Cli.Rendering;

/// <summary><c>chitin sessions show --json</c>: the session and its messages.</summary>
public sealed record SessionTranscriptOutput(SessionInfo Session, IReadOnlyList<SessionMessage> Messages);
