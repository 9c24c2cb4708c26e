namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// The one system-prompt line per source of deferred tools: what it offers, so the model knows to call
/// <c>tool_search</c>. Deterministic for the same tools, so the frozen prefix stays byte-stable.
/// </summary>
public sealed class DeferredToolsLayer(DeferredTools deferred) : IPromptLayerSource
{
    private const int TopicCount = 10;

    // Verbs every server has say nothing about what it offers.
    private static readonly HashSet<string> CommonVerbs = new(StringComparer.Ordinal)
    {
        "get", "list", "creat", "updat", "delet", "add", "remov", "set", "search", "find", "read", "writ", "fetch", "show", "mak",
    };

    public string Name => "deferred tools";

    public int Order => 40;

    public ValueTask<string?> GetTextAsync(PromptLayerContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Text(deferred));

    /// <summary>The layer's text, or null without deferred tools.</summary>
    public static string? Text(DeferredTools deferred)
    {
        ArgumentNullException.ThrowIfNull(deferred);
        if (deferred.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder("Deferred tools, not loaded: call tool_search with your need to load them.");
        foreach (var group in deferred.Groups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n- {group.Source} ({group.Tools.Count}): {group.Summary ?? Summarize(group.Tools)}");
        }

        return sb.ToString();
    }

    /// <summary>Few tools: their names. Many: the most frequent words of their names.</summary>
    public static string Summarize(IReadOnlyList<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count <= 8)
        {
            return string.Join(", ", tools.Select(t => ToolSearchIndex.OwnName(t.Name)).Order(StringComparer.Ordinal));
        }

        var counts = new Dictionary<string, (int Count, string Word)>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var words = ToolSearchIndex.OwnName(tool.Name).Split('_', StringSplitOptions.RemoveEmptyEntries);
            foreach (var word in words.Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
            {
                var stem = SearchTerms.Stem(word);
                if (stem.Length < 3 || CommonVerbs.Contains(stem))
                {
                    continue;
                }

                var (count, shown) = counts.GetValueOrDefault(stem, (0, word));
                counts[stem] = (count + 1, string.CompareOrdinal(word, shown) < 0 ? word : shown);
            }
        }

        return string.Join(", ", counts.Values.OrderByDescending(v => v.Count).ThenBy(v => v.Word, StringComparer.Ordinal).Take(TopicCount).Select(v => v.Word));
    }
}
