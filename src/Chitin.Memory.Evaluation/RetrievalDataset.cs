namespace Chitin.Memory.Evaluation;

/// <summary>
/// Facts with queries whose answers are known, for measuring retrieval quality. <see cref="Generate"/> makes a
/// deterministic synthetic but realistic one: fictional people, projects and the user; preferences, tools,
/// decisions, procedures, dates, places and incidents in varied sentence shapes; distractor facts that share names
/// and words with the answers; and queries of four kinds (<see cref="RetrievalQueryKind"/>). Nothing in it is
/// tuned to any retrieval mode.
/// </summary>
public sealed class RetrievalDataset
{
    /// <summary>Raised whenever the generator would produce different data for the same arguments.</summary>
    public const int GeneratorVersion = 1;

    public const int DefaultFactCount = 5_000;

    public const int DefaultSeed = 7;

    private const int MinGeneratedFacts = 100;

    private readonly Dictionary<string, RetrievalFact> _factsById;

    /// <exception cref="ArgumentException">Ids repeat, two facts state the same text, or a query has no answer or an unknown one.</exception>
    public RetrievalDataset(string name, IReadOnlyList<RetrievalFact> facts, IReadOnlyList<RetrievalQuery> queries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(queries);
        _factsById = new Dictionary<string, RetrievalFact>(facts.Count, StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(facts.Count, StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (!_factsById.TryAdd(fact.Id, fact))
            {
                throw new ArgumentException($"Fact id '{fact.Id}' appears twice; every fact needs its own id.", nameof(facts));
            }

            if (!texts.TryAdd(MemoryText.Normalize(fact.Text), fact.Id))
            {
                throw new ArgumentException(
                    $"Facts '{texts[MemoryText.Normalize(fact.Text)]}' and '{fact.Id}' state the same text; the store would keep only one, so an answer could not be told apart.",
                    nameof(facts));
            }
        }

        var queryIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            if (!queryIds.Add(query.Id))
            {
                throw new ArgumentException($"Query id '{query.Id}' appears twice.", nameof(queries));
            }

            if (query.AnswerIds.Count == 0)
            {
                throw new ArgumentException($"Query '{query.Id}' has no answer; every query needs at least one answer fact id.", nameof(queries));
            }

            var unknown = query.AnswerIds.FirstOrDefault(id => !_factsById.ContainsKey(id));
            if (unknown is not null)
            {
                throw new ArgumentException($"Query '{query.Id}' names the answer '{unknown}', which is not a fact of this dataset.", nameof(queries));
            }
        }

        Name = name;
        Facts = facts;
        Queries = queries;
    }

    /// <summary>Identifies the data: generator version, seed and size for generated sets.</summary>
    public string Name { get; }

    /// <summary>In the order they are stored.</summary>
    public IReadOnlyList<RetrievalFact> Facts { get; }

    public IReadOnlyList<RetrievalQuery> Queries { get; }

    /// <summary>
    /// Generates the standard dataset: <paramref name="factCount"/> facts and 80 queries of each kind (320 in all).
    /// The same arguments give the same data, on every machine and run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 100 or more than 120,000 facts (the name lists hold no more distinct people and projects).</exception>
    public static RetrievalDataset Generate(int factCount = DefaultFactCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factCount, MinGeneratedFacts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(factCount, DatasetBuilder.MaxFactCount);
        var name = string.Create(CultureInfo.InvariantCulture, $"chitin-retrieval-v{GeneratorVersion}-seed{seed}-facts{factCount}");
        return new DatasetBuilder(seed).Build(name, factCount);
    }

    public RetrievalFact GetFact(string id) =>
        _factsById.TryGetValue(id, out var fact) ? fact : throw new KeyNotFoundException($"No fact '{id}' in dataset '{Name}'.");

    /// <summary>
    /// The share of the query's content words (stop words dropped, lightly stemmed) that also occur in its answers:
    /// 1 when every word is in the answer, 0 when none is. It shows how lexical each kind of query is.
    /// </summary>
    public double WordOverlap(RetrievalQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var queryWords = MemoryText.ContentTokens(query.Text);
        if (queryWords.Count == 0)
        {
            return 0;
        }

        var answerWords = query.AnswerIds.SelectMany(id => MemoryText.ContentTokens(GetFact(id).Text)).ToHashSet(StringComparer.Ordinal);
        return (double)queryWords.Count(answerWords.Contains) / queryWords.Count;
    }
}
