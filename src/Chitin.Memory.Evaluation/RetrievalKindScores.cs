namespace Chitin.Memory.Evaluation;

/// <summary>Mean recall@5 and MRR@10 over the queries of one kind (or of all kinds).</summary>
public sealed record RetrievalKindScores(int QueryCount, double RecallAt5, double Mrr);
