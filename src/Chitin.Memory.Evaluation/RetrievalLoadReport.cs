namespace Chitin.Memory.Evaluation;

/// <summary>What loading a dataset into a store did: facts stored, undecided conflicts the store recorded between them, time taken.</summary>
public sealed record RetrievalLoadReport(int Stored, int Conflicts, TimeSpan Elapsed);
