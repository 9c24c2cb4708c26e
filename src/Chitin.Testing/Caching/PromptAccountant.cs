namespace Chitin.Testing.Caching;

/// <summary>Counts prompt and output tokens and simulates the provider's prefix cache.</summary>
internal sealed class PromptAccountant(int cacheBlockTokens, int minCacheableTokens, int historyPerModel, bool caching = true)
{
    private const int SegmentsPerGeneration = 16_384;

    private readonly PrefixCache _cache = new(historyPerModel);
    private readonly SegmentTokenCache _segments = new(SegmentsPerGeneration);

    public PromptMeasurement Measure(ParsedChatRequest request)
    {
        var segments = request.PromptSegments;
        var pieces = new int[segments.Count][];
        var total = 0;
        var upToBreakpoint = 0;
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] = _segments.Tokens(segments[i]);
            total += pieces[i].Length;
            if (i + 1 == request.CacheBreakpointSegments)
            {
                upToBreakpoint = total;
            }
        }

        var tokens = new int[total];
        var offset = 0;
        foreach (var piece in pieces)
        {
            piece.CopyTo(tokens, offset);
            offset += piece.Length;
        }

        var common = caching ? _cache.LongestCommonPrefix(request.Request.Model, tokens) : 0;
        var cached = common / cacheBlockTokens * cacheBlockTokens;
        if (cached < minCacheableTokens)
        {
            cached = 0;
        }

        var written = request.Request.WireFormat == WireFormat.Anthropic && request.CacheBreakpointSegments >= 0
            ? Math.Max(0, upToBreakpoint - cached)
            : 0;
        return new PromptMeasurement(tokens, cached, written);
    }

    /// <summary>Adds an answered prompt to the cache; prompts rejected with an error never reached the model.</summary>
    public void Remember(string model, PromptMeasurement measurement) => _cache.Remember(model, measurement.Tokens);

    public static int CountOutput(string text, IEnumerable<AnswerToolCall> calls, int reasoningTokens)
    {
        var count = PromptTokenizer.Count(text) + reasoningTokens;
        foreach (var call in calls)
        {
            count += PromptTokenizer.Count(call.Name) + PromptTokenizer.Count(call.Arguments);
        }

        return count;
    }
}
