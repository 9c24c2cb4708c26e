namespace Chitin.Memory.Model;

/// <summary>How search ranks: BM25 over FTS5, vector similarity, or both fused by reciprocal rank.</summary>
public enum RetrievalMode
{
    Hybrid,
    Lexical,
    Vector,
}
