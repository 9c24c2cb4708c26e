namespace Chitin.Memory.Retrieval;

/// <summary>
/// Puts a query's first person into the third, the way memories are written: capture and memory_save store "The user
/// prefers ...", while the user asks "what do I prefer?". An embedder places "my passport" far from "the user's passport"
/// (docs/benchmarks.md, memory, seventh round), so the embedded query speaks of the user as the stored facts do.
/// </summary>
internal static class FirstPerson
{
    private static readonly Dictionary<string, string> AsUserWords = new(StringComparer.Ordinal)
    {
        ["i"] = "the user",
        ["me"] = "the user",
        ["myself"] = "the user",
        ["my"] = "the user's",
        ["mine"] = "the user's",
    };

    /// <summary>The text with "I", "me", "myself", "my" and "mine" as "the user" / "the user's"; other words as written.</summary>
    public static string AsUser(string text) => SpellingCorrection.Apply(text, AsUserWords);
}
