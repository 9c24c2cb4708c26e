namespace Chitin.Providers.Routing.Probes;

/// <summary>
/// A two-sample test on answers: maximum mean discrepancy with a delta kernel over answer classes (the answer's
/// case and its normalised content), so MMD² = Σ (share in A − share in B)², and a permutation p-value. Two
/// endpoints serving the same weights give samples of one distribution; a degraded copy shifts it.
/// </summary>
public static class EquivalenceTest
{
    /// <summary>The test's statistic and p-value.</summary>
    public readonly record struct Result(double Mmd2, double PValue);

    public static Result Run(IReadOnlyList<string> a, IReadOnlyList<string> b, int permutations, int seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one answer.");
        }

        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] pooled = [.. a.Concat(b).Select(answer => classes.TryGetValue(answer, out int id) ? id : classes[answer] = classes.Count)];
        var countA = new int[classes.Count];
        var countB = new int[classes.Count];
        double observed = Mmd2(pooled, a.Count, countA, countB);
        var random = new Random(seed);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++)
        {
            random.Shuffle(pooled);
            if (Mmd2(pooled, a.Count, countA, countB) >= observed - 1e-12)
            {
                atLeast++;
            }
        }

        return new Result(observed, (1.0 + atLeast) / (1.0 + permutations));
    }

    private static double Mmd2(int[] pooled, int sizeA, int[] countA, int[] countB)
    {
        Array.Clear(countA);
        Array.Clear(countB);
        for (int i = 0; i < pooled.Length; i++)
        {
            (i < sizeA ? countA : countB)[pooled[i]]++;
        }

        double sum = 0;
        int sizeB = pooled.Length - sizeA;
        for (int c = 0; c < countA.Length; c++)
        {
            double difference = ((double)countA[c] / sizeA) - ((double)countB[c] / sizeB);
            sum += difference * difference;
        }

        return sum;
    }
}
