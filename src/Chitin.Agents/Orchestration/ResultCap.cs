namespace Chitin.Agents.Orchestration;

/// <summary>Cuts a child's result to the envelope's token cap, by the repository's token counter; the cut names where the whole text is.</summary>
public static class ResultCap
{
    public static (string Text, bool Truncated) Apply(ITokenCounter counter, string text, int maxTokens, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(text);
        if (counter.CountTokens(text) <= maxTokens)
        {
            return (text, false);
        }

        var note = $"\n[… cut at about {maxTokens} tokens; the whole result is in {fullPath}]";
        var budget = maxTokens - counter.CountTokens(note);
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (counter.CountTokens(text[..mid]) <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        // Never split a surrogate pair.
        if (low > 0 && char.IsHighSurrogate(text[low - 1]))
        {
            low--;
        }

        return (text[..low] + note, true);
    }
}
