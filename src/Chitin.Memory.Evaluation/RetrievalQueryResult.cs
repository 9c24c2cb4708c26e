namespace Chitin.Memory.Evaluation;

/// <summary>
/// How one query fared: the share of its answers in the top 5, the reciprocal rank of its first answer within the
/// top 10 (0 when none), and that rank (1-based; null when no answer was in the top 10).
/// </summary>
public sealed record RetrievalQueryResult(string QueryId, RetrievalQueryKind Kind, double RecallAt5, double ReciprocalRank, int? FirstAnswerRank);
