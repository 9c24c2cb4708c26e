namespace Chitin.Memory.Evaluation;

/// <summary>One query of the retrieval dataset with the ids of the facts that answer it.</summary>
public sealed record RetrievalQuery(string Id, string Text, RetrievalQueryKind Kind, IReadOnlyList<string> AnswerIds);
