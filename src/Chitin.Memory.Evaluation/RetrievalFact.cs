namespace Chitin.Memory.Evaluation;

/// <summary>One fact of the retrieval dataset: a stable id ("f00042"), its text, its layer, and the topic it states.</summary>
public sealed record RetrievalFact(string Id, string Text, MemoryLayer Layer, string Topic);
