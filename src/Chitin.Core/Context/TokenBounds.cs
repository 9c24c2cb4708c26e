namespace Chitin.Core.Context;

/// <summary>
/// Budget checks that skip the tokenizer when they can: byte-level BPE (o200k, cl100k, Claude's) never makes more
/// tokens than the text has UTF-8 bytes, so a text whose byte count is within a budget fits without loading the
/// tokenizer's vocabulary (tens of megabytes, the largest cost of a short run's start-up).
/// </summary>
public static class TokenBounds
{
    /// <summary>True when <paramref name="text"/> surely has at most <paramref name="maxTokens"/> tokens, without counting.</summary>
    public static bool SurelyWithin(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);

        // A char is at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 chars), so short texts need no byte count.
        return (long)text.Length * 3 <= maxTokens || Encoding.UTF8.GetByteCount(text) <= maxTokens;
    }

    /// <summary>Whether <paramref name="text"/> has at most <paramref name="maxTokens"/> tokens; counts only when the byte bound cannot tell.</summary>
    public static bool FitsWithin(this ITokenCounter counter, string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(counter);
        return SurelyWithin(text, maxTokens) || counter.CountTokens(text) <= maxTokens;
    }

    /// <summary>
    /// A tokenizer-free estimate for heuristics that need no exact count (is a conversation long enough to be worth
    /// a call?): English prose and code average about 4 UTF-8 bytes per o200k token.
    /// </summary>
    public static int Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encoding.UTF8.GetByteCount(text) / 4;
    }
}
