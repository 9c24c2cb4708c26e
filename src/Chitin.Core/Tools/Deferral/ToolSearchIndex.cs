namespace Chitin.Core.Tools.Deferral;

/// <summary>
/// Ranks tools for a need in plain words: BM25 over the tool's name (weighted up), description and parameter
/// names, fused with cosine similarity of embeddings when an embedder is given. Built once per tool set; a search is
/// a few dictionary look-ups and one dot product per tool.
/// </summary>
public sealed class ToolSearchIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int NameWeight = 3;
    private const double LexicalShare = 0.75;

    private readonly ITool[] _tools;
    private readonly Dictionary<string, List<(int Doc, int Weight)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly float[][]? _vectors;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;

    private ToolSearchIndex(ITool[] tools, float[][]? vectors, IEmbeddingGenerator<string, Embedding<float>>? embedder)
    {
        _tools = tools;
        _vectors = vectors;
        _embedder = embedder;
        _lengths = new int[tools.Length];
        for (var doc = 0; doc < tools.Length; doc++)
        {
            var weights = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in SearchTerms.Split(OwnName(tools[doc].Name)))
            {
                weights[term] = weights.GetValueOrDefault(term) + NameWeight;
            }

            foreach (var term in SearchTerms.Split(tools[doc].Description).Concat(ParameterNames(tools[doc].ParametersSchema).SelectMany(SearchTerms.Split)))
            {
                weights[term] = weights.GetValueOrDefault(term) + 1;
            }

            foreach (var (term, weight) in weights)
            {
                if (!_postings.TryGetValue(term, out var list))
                {
                    _postings[term] = list = [];
                }

                list.Add((doc, weight));
                _lengths[doc] += weight;
            }
        }

        _averageLength = tools.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    public int Count => _tools.Length;

    /// <summary>Indexes <paramref name="tools"/>; with an embedder, embeds each tool's text once, in one batch.</summary>
    public static async Task<ToolSearchIndex> BuildAsync(IEnumerable<ITool> tools, IEmbeddingGenerator<string, Embedding<float>>? embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var ordered = tools.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        float[][]? vectors = null;
        if (embedder is not null && ordered.Length > 0)
        {
            var embeddings = await embedder.GenerateAsync(ordered.Select(EmbeddingText), cancellationToken: cancellationToken).ConfigureAwait(false);
            vectors = embeddings.Select(e => Normalized(e.Vector.ToArray())).ToArray();
        }

        return new ToolSearchIndex(ordered, vectors, embedder);
    }

    /// <summary>The best <paramref name="limit"/> tools for <paramref name="query"/>, best first; none when nothing matches.</summary>
    public async Task<IReadOnlyList<ToolSearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        float[]? queryVector = null;
        if (_embedder is not null && _vectors is not null && !string.IsNullOrWhiteSpace(query))
        {
            var embedding = await _embedder.GenerateAsync([query], cancellationToken: cancellationToken).ConfigureAwait(false);
            queryVector = Normalized(embedding[0].Vector.ToArray());
        }

        return Search(query, queryVector, limit);
    }

    /// <summary>Ranks with an already embedded query (or lexically only when <paramref name="queryVector"/> is null).</summary>
    public IReadOnlyList<ToolSearchHit> Search(string query, float[]? queryVector, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var lexical = new double[_tools.Length];
        foreach (var term in SearchTerms.Split(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var list))
            {
                continue;
            }

            var idf = Math.Log(1 + ((_tools.Length - list.Count + 0.5) / (list.Count + 0.5)));
            foreach (var (doc, weight) in list)
            {
                var norm = K1 * (1 - B + (B * _lengths[doc] / _averageLength));
                lexical[doc] += idf * weight * (K1 + 1) / (weight + norm);
            }
        }

        var maxLexical = lexical.Length == 0 ? 0 : lexical.Max();
        var semantic = queryVector is null || _vectors is null ? null : _vectors.Select(v => Math.Max(0, Dot(v, queryVector))).ToArray();
        var maxSemantic = semantic is null || semantic.Length == 0 ? 0 : semantic.Max();
        if (maxLexical <= 0 && maxSemantic <= 0)
        {
            return [];
        }

        var scores = new double[_tools.Length];
        for (var doc = 0; doc < _tools.Length; doc++)
        {
            var l = maxLexical > 0 ? lexical[doc] / maxLexical : 0;
            var s = maxSemantic > 0 ? semantic![doc] / maxSemantic : 0;
            scores[doc] = semantic is null ? l : (LexicalShare * l) + ((1 - LexicalShare) * s);
            if (query.Contains(_tools[doc].Name, StringComparison.Ordinal))
            {
                // The model named the tool exactly (e.g. from the prompt's line or an error): it comes first.
                scores[doc] += 10;
            }
        }

        return Enumerable.Range(0, _tools.Length)
            .Where(d => scores[d] > 0)
            .OrderByDescending(d => scores[d])
            .ThenBy(d => d)
            .Take(limit)
            .Select(d => new ToolSearchHit(_tools[d], Math.Round(scores[d], 4)))
            .ToList();
    }

    /// <summary>"mcp__github__create_issue" → "create_issue": the server part is the same for all of a server's tools.</summary>
    internal static string OwnName(string name)
    {
        var cut = name.LastIndexOf("__", StringComparison.Ordinal);
        return cut >= 0 ? name[(cut + 2)..] : name;
    }

    internal static IEnumerable<string> ParameterNames(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => p.Name).ToList()
            : [];

    private static string EmbeddingText(ITool tool) =>
        $"{OwnName(tool.Name).Replace('_', ' ')}. {tool.Description} Parameters: {string.Join(", ", ParameterNames(tool.ParametersSchema))}";

    private static float[] Normalized(float[] vector)
    {
        var length = Math.Sqrt(Dot(vector, vector));
        if (length > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / length);
            }
        }

        return vector;
    }

    private static double Dot(float[] a, float[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
