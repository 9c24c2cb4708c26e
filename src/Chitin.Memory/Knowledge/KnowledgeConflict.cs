namespace Chitin.Memory.Knowledge;

/// <summary>A stored item the incoming fact may contradict, and why that could not be decided.</summary>
internal sealed record KnowledgeConflict(MemoryItem Existing, string Reason);
