namespace Chitin.Memory.Retrieval;

/// <summary>One item in one retriever's ranking: its raw score (higher is better) and what weighting needs.</summary>
internal readonly record struct RankedCandidate(long ItemNo, double Score, VectorEntry Entry);
