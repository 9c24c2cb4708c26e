namespace Chitin.Cli.Context;

/// <summary>What a forced compaction did.</summary>
/// <param name="Compacted">False when every turn was recent: nothing was written.</param>
/// <param name="Summarized">True when the model summarised older turns; false when old tool results were only pruned.</param>
/// <param name="Error">Why summarising failed (the marker then prunes or drops old turns instead), or why nothing was done.</param>
/// <param name="Usage">The summary call's usage row, as recorded.</param>
public sealed record CompactionResult(string SessionId, bool Compacted, bool Summarized, int TokensBefore, int TokensAfter, string? Error, UsageRecord? Usage);
