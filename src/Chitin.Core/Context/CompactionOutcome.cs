namespace Chitin.Core.Context;

/// <summary>The marker a compaction produced, the summary call's response (for metering) and any summarising error.</summary>
public sealed record CompactionOutcome(SessionMessage? Marker, ChatResponse? SummaryResponse, string? Error, int TokensBefore, int TokensAfter);
