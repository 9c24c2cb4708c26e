namespace Chitin.Memory.Evaluation;

/// <summary>The placeholder values of one generated fact, filled with the dataset's seeded random source.</summary>
internal sealed partial class TopicSlots(Random random, Func<string, string> otherPerson)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public Random Random { get; } = random;

    public string this[string name]
    {
        get => _values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"The dataset template uses the unknown slot '{{{name}}}'.");
        set => _values[name] = value;
    }

    public string Pick(IReadOnlyList<string> values) => values[Random.Next(values.Count)];

    /// <summary>Another person than "{N}" (someone's manager, a colleague in an anecdote).</summary>
    public string OtherPerson() => otherPerson(_values.GetValueOrDefault("N", ""));

    public string Render(string template) => Placeholder().Replace(template, m => this[m.Groups[1].Value]);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
