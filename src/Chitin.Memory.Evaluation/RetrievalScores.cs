namespace Chitin.Memory.Evaluation;

/// <summary>
/// The retrieval quality of one mode over a dataset. <see cref="RecallAt5"/> is the mean, over queries, of the share
/// of a query's answers found among the first 5 results; <see cref="Mrr"/> the mean reciprocal rank of the first
/// answer within the first 10 results (0 for a query whose answers are all further down or missing).
/// </summary>
public sealed record RetrievalScores(
    RetrievalMode Mode,
    int QueryCount,
    double RecallAt5,
    double Mrr,
    IReadOnlyDictionary<RetrievalQueryKind, RetrievalKindScores> ByKind,
    IReadOnlyList<RetrievalQueryResult> Results)
{
    /// <summary>Time spent searching (not loading), for all queries together.</summary>
    public TimeSpan SearchTime { get; init; }
}
