namespace Chitin.Testing.Personas;

/// <summary>What an honest provider does with <c>stop</c> and <c>max_tokens</c>: the text ends before the first stop sequence and after at most max_tokens tokens.</summary>
internal static class AnswerLimits
{
    public static ScriptStep Apply(ScriptStep step, ScriptRequest request)
    {
        if (step.IsError || step.Calls.Count > 0)
        {
            return step;
        }

        string text = step.Content;
        foreach (string stop in request.Stop)
        {
            int at = stop.Length == 0 ? -1 : text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at];
            }
        }

        if (request.MaxTokens is { } max && PromptTokenizer.Count(text) > max)
        {
            int[] tokens = PromptTokenizer.Encode(text);
            text = PromptTokenizer.Instance.Decode(tokens.Take(max)) ?? string.Empty;
        }

        return ReferenceEquals(text, step.Content) ? step : ScriptStep.Text(text);
    }
}
