namespace Chitin.Memory.Embeddings;

/// <summary>64-bit FNV-1a over UTF-16 code units: stable across processes and platforms (unlike string.GetHashCode).</summary>
internal static class FeatureHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(char kind, ReadOnlySpan<char> text)
    {
        var hash = Mix(OffsetBasis, kind);
        foreach (var c in text)
        {
            hash = Mix(hash, c);
        }

        return Finish(hash);
    }

    public static ulong Of(char kind, string first, string second)
    {
        var hash = Mix(OffsetBasis, kind);
        foreach (var c in first)
        {
            hash = Mix(hash, c);
        }

        hash = Mix(hash, ' ');
        foreach (var c in second)
        {
            hash = Mix(hash, c);
        }

        return Finish(hash);
    }

    private static ulong Mix(ulong hash, char c)
    {
        hash = (hash ^ (byte)c) * Prime;
        return (hash ^ (byte)(c >> 8)) * Prime;
    }

    // FNV's low bits are weak for short inputs; one xor-shift-multiply round spreads them (splitmix64 finaliser).
    private static ulong Finish(ulong hash)
    {
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111eb;
        return hash ^ (hash >> 31);
    }
}
