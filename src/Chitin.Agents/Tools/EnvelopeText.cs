namespace Chitin.Agents.Tools;

/// <summary>How envelopes read in a tool result: one JSON array, nothing pasted from the children's transcripts.</summary>
internal static class EnvelopeText
{
    public static string Of(IReadOnlyList<CompletionEnvelope> envelopes) =>
        envelopes.Count == 0
            ? "No children to wait for."
            : JsonSerializer.Serialize(envelopes.ToList(), AgentsJsonContext.Default.ListCompletionEnvelope);
}
