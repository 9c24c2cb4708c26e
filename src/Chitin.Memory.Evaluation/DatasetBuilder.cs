namespace Chitin.Memory.Evaluation;

/// <summary>
/// Generates a <see cref="RetrievalDataset"/> from one seeded <see cref="Random"/>: the user's own facts, then
/// "bundles" of facts about one person (three in four) or one project until enough facts exist, shuffled and cut to
/// the requested count; then queries of every kind about randomly chosen facts. Nothing else is random.
/// </summary>
internal sealed class DatasetBuilder
{
    public const int QueriesPerKind = 80;

    private const int MinPersonTopics = 7;
    private const int MinProjectTopics = 8;
    private const int MaxDistractorsPerBundle = 2;
    private const int MaxPickAttempts = 200;

    private readonly Random _random;
    private readonly string[] _people;
    private readonly string[] _projects;
    private readonly List<string> _knownPeople = [];
    private readonly List<Generated> _generated = [];
    private readonly HashSet<string> _normalizedTexts = new(StringComparer.Ordinal);
    private int _nextPerson;
    private int _nextProject;

    public DatasetBuilder(int seed)
    {
        _random = new Random(seed);
        _people = Shuffle(DatasetVocabulary.FirstNames.SelectMany(first => DatasetVocabulary.LastNames.Select(last => $"{first} {last}")).ToArray());
        _projects = Shuffle(DatasetVocabulary.Codenames.SelectMany(code => DatasetVocabulary.ProjectParts.Select(part => part.Length == 0 ? code : $"{code} {part}")).ToArray());
    }

    /// <summary>A generous bound on how many facts the name lists can produce without repeating an entity.</summary>
    public static int MaxFactCount => 120_000;

    public RetrievalDataset Build(string name, int factCount)
    {
        foreach (var topic in UserTopics.Queried)
        {
            Add(topic, new TopicSlots(_random, OtherPerson));
        }

        var bundle = 0;
        while (_generated.Count < factCount)
        {
            if (bundle++ % 4 == 3)
            {
                AddProject();
            }
            else
            {
                AddPerson();
            }
        }

        var kept = Shuffle(_generated.ToArray()).Take(factCount).ToList();
        var facts = kept.Select((g, i) => new RetrievalFact(FactId(i), g.Text, g.Topic.Layer, g.Topic.Name)).ToList();
        var queries = BuildQueries(kept, facts);
        return new RetrievalDataset(name, facts, queries);
    }

    private static string FactId(int index) => string.Create(CultureInfo.InvariantCulture, $"f{index + 1:00000}");

    private void AddPerson()
    {
        if (_nextPerson >= _people.Length)
        {
            throw new ArgumentOutOfRangeException("factCount", $"The dataset's name lists run out of people; ask for at most {MaxFactCount:N0} facts.");
        }

        var person = _people[_nextPerson++];
        _knownPeople.Add(person);
        AddBundle(PersonTopics.Queried, PersonTopics.Distractors, MinPersonTopics, "N", person);
    }

    private void AddProject()
    {
        if (_nextProject >= _projects.Length)
        {
            throw new ArgumentOutOfRangeException("factCount", $"The dataset's name lists run out of projects; ask for at most {MaxFactCount:N0} facts.");
        }

        AddBundle(ProjectTopics.Queried, ProjectTopics.Distractors, MinProjectTopics, "P", _projects[_nextProject++]);
    }

    /// <summary>Some of the entity's topics (each at most once) and up to two distinct distractors.</summary>
    private void AddBundle(FactTopic[] topics, FactTopic[] distractors, int minTopics, string slot, string entity)
    {
        var chosen = Shuffle(topics.ToArray()).Take(_random.Next(minTopics, topics.Length + 1))
            .Concat(Shuffle(distractors.ToArray()).Take(_random.Next(MaxDistractorsPerBundle + 1)));
        foreach (var topic in chosen)
        {
            var slots = new TopicSlots(_random, OtherPerson);
            slots[slot] = entity;
            Add(topic, slots);
        }
    }

    private void Add(FactTopic topic, TopicSlots slots)
    {
        topic.Fill(slots);
        var shape = topic.Shapes[_random.Next(topic.Shapes.Count)];
        var text = slots.Render(shape.Text);
        if (_normalizedTexts.Add(MemoryText.Normalize(text)))
        {
            _generated.Add(new Generated(topic, shape, slots, text));
        }
    }

    /// <summary>Someone already in the dataset when possible (so anecdotes connect people), never <paramref name="exclude"/>.</summary>
    private string OtherPerson(string exclude)
    {
        for (var attempt = 0; attempt < MaxPickAttempts; attempt++)
        {
            var candidate = _knownPeople.Count >= 2 ? _knownPeople[_random.Next(_knownPeople.Count)] : _people[_random.Next(_people.Length)];
            if (candidate != exclude)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Could not pick a second person for a dataset fact.");
    }

    private List<RetrievalQuery> BuildQueries(List<Generated> kept, List<RetrievalFact> facts)
    {
        // Topics are drawn evenly (the user's own facts count as one topic), then a fact of that topic.
        var groups = Enumerable.Range(0, kept.Count)
            .Where(i => kept[i].Topic.IsQueried)
            .GroupBy(i => kept[i].Topic.Owner == TopicOwner.User ? "user" : kept[i].Topic.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .ToList();
        var perKind = Math.Min(QueriesPerKind, groups.Sum(g => g.Count));
        var queries = new List<RetrievalQuery>();
        foreach (var kind in Enum.GetValues<RetrievalQueryKind>())
        {
            var used = new HashSet<int>();
            var texts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var attempt = 0; used.Count < perKind && attempt < perKind * MaxPickAttempts; attempt++)
            {
                var group = groups[_random.Next(groups.Count)];
                var index = group[_random.Next(group.Count)];
                if (used.Contains(index))
                {
                    continue;
                }

                var text = QueryText(kept[index], kind);
                if (text.Length == 0 || !texts.Add(text))
                {
                    continue;
                }

                used.Add(index);
                var id = string.Create(CultureInfo.InvariantCulture, $"q{queries.Count + 1:0000}");
                queries.Add(new RetrievalQuery(id, text, kind, [facts[index].Id]));
            }
        }

        return queries;
    }

    private string QueryText(Generated fact, RetrievalQueryKind kind)
    {
        switch (kind)
        {
            case RetrievalQueryKind.Keyword:
                return fact.Slots.Render(fact.Shape.Keyword);
            case RetrievalQueryKind.Morphological:
                return fact.Slots.Render(fact.Shape.Morph);
            case RetrievalQueryKind.Paraphrase:
                return fact.Slots.Render(fact.Topic.Paraphrases[_random.Next(fact.Topic.Paraphrases.Count)]);
            default:
                var keyword = fact.Slots.Render(fact.Shape.Keyword);
                var misspelt = TypoMaker.Misspell(keyword, _random);
                return misspelt == keyword ? "" : misspelt;
        }
    }

    private T[] Shuffle<T>(T[] items)
    {
        _random.Shuffle(items);
        return items;
    }

    private sealed record Generated(FactTopic Topic, FactShape Shape, TopicSlots Slots, string Text);
}
