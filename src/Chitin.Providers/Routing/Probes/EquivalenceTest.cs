namespace Chitin.Providers.Routing.Probes;

/// <summary>
/// A two-sample test on answers to the same prompts: maximum mean discrepancy over answer classes (prompt and
/// normalised answer) with a delta kernel weighted by the inverse of each class's pooled frequency, so
/// MMD² = Σ (share in A − share in B)² / pooled share (Pearson's χ² up to a constant), and a permutation p-value.
/// Labels are permuted within each prompt only: both sides were asked the same prompts, so that is what is
/// exchangeable, and deterministic answers then add no noise. The weighting matters too: a plain delta kernel
/// drowns a few wrong answers in the sampling noise of open questions. Pooled frequencies do not change under
/// permutation, so the test stays exact. An answer given only once to its prompt (in both samples together) joins
/// one shared "rare" class: a singleton weighs the same on either side, so alone it could never count, while a
/// degraded copy's scattered wrong answers pile up there. Two endpoints serving the same weights give samples of
/// one distribution; a degraded copy shifts it.
/// </summary>
public static class EquivalenceTest
{
    /// <summary>The test's statistic and p-value.</summary>
    public readonly record struct Result(double Mmd2, double PValue);

    /// <param name="a">Prompt and answer class of each sample from the first endpoint.</param>
    /// <param name="b">The same from the second.</param>
    public static Result Run(IReadOnlyList<(string Prompt, string Answer)> a, IReadOnlyList<(string Prompt, string Answer)> b, int permutations, int seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one answer.");
        }

        var seen = a.Concat(b).CountBy(s => s.Prompt + "\n" + s.Answer, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        int Class((string Prompt, string Answer) sample)
        {
            string key = sample.Prompt + "\n" + sample.Answer;
            key = seen[key] > 1 ? key : "\0rare";
            return classes.TryGetValue(key, out int id) ? id : classes[key] = classes.Count;
        }

        // Pooled samples ordered by prompt; within a prompt's segment, A's samples first.
        var segments = new List<(int Start, int Length, int FromA)>();
        var pooled = new List<int>(a.Count + b.Count);
        foreach (var prompt in a.Select(s => s.Prompt).Concat(b.Select(s => s.Prompt)).Distinct(StringComparer.Ordinal))
        {
            int start = pooled.Count;
            int fromA = 0;
            foreach (var sample in a.Where(s => s.Prompt == prompt))
            {
                pooled.Add(Class(sample));
                fromA++;
            }

            pooled.AddRange(b.Where(s => s.Prompt == prompt).Select(Class));
            segments.Add((start, pooled.Count - start, fromA));
        }

        int[] labels = [.. pooled];
        var weight = new double[classes.Count];
        foreach (int id in labels)
        {
            weight[id]++;
        }

        for (int c = 0; c < weight.Length; c++)
        {
            weight[c] = labels.Length / weight[c];
        }

        var countA = new int[classes.Count];
        var countB = new int[classes.Count];
        double observed = Mmd2(labels, segments, a.Count, b.Count, countA, countB, weight);
        var random = new Random(seed);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++)
        {
            foreach (var segment in segments)
            {
                random.Shuffle(labels.AsSpan(segment.Start, segment.Length));
            }

            if (Mmd2(labels, segments, a.Count, b.Count, countA, countB, weight) >= observed - 1e-12)
            {
                atLeast++;
            }
        }

        return new Result(observed, (1.0 + atLeast) / (1.0 + permutations));
    }

    private static double Mmd2(int[] labels, List<(int Start, int Length, int FromA)> segments, int sizeA, int sizeB, int[] countA, int[] countB, double[] weight)
    {
        Array.Clear(countA);
        Array.Clear(countB);
        foreach (var (start, length, fromA) in segments)
        {
            for (int i = 0; i < length; i++)
            {
                (i < fromA ? countA : countB)[labels[start + i]]++;
            }
        }

        double sum = 0;
        for (int c = 0; c < countA.Length; c++)
        {
            double difference = ((double)countA[c] / sizeA) - ((double)countB[c] / sizeB);
            sum += difference * difference * weight[c];
        }

        return sum;
    }
}
