namespace Chitin.Testing.Wire;

/// <summary>
/// Ids in each provider's style (<c>chatcmpl-…</c>, <c>call_…</c>, <c>msg_…</c>, <c>toolu_…</c>), derived from the
/// request number so runs are reproducible and prompts that echo ids stay byte-stable across runs.
/// </summary>
internal static class WireIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Make(string prefix, int requestIndex, int ordinal, int length = 24)
    {
        var state = unchecked((ulong)StableHash(prefix) * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)requestIndex << 32) ^ (uint)ordinal;
        return string.Create(prefix.Length + length, (prefix, state), static (span, input) =>
        {
            input.prefix.CopyTo(span);
            var x = input.state;
            for (var i = input.prefix.Length; i < span.Length; i++)
            {
                span[i] = Alphabet[(int)(SplitMix(ref x) % (ulong)Alphabet.Length)];
            }
        });
    }

    private static ulong SplitMix(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
