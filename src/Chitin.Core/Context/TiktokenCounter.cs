namespace Chitin.Core.Context;

/// <summary>
/// o200k_base (GPT-4o/4.1/5 family) through Microsoft.ML.Tokenizers. Other providers' tokenizers differ by a few
/// percent; the loop reconciles with the usage each provider reports. The vocabulary loads on first use.
/// </summary>
public sealed class TiktokenCounter : ITokenCounter
{
    private static readonly Lazy<Tokenizer> Encoder = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static TiktokenCounter Instance { get; } = new();

    /// <summary>
    /// BPE is quadratic in the length of one pre-token, and a base64 blob or a 10 MB run of one character is a
    /// single pre-token. Counting in bounded chunks keeps the cost linear; each boundary may shift the count by a token.
    /// </summary>
    private const int ChunkChars = 2_048;

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= ChunkChars)
        {
            return text.Length == 0 ? 0 : Encoder.Value.CountTokens(text);
        }

        var total = 0;
        for (var start = 0; start < text.Length; start += ChunkChars)
        {
            var length = Math.Min(ChunkChars, text.Length - start);
            if (length == ChunkChars && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            total += Encoder.Value.CountTokens(text.AsSpan(start, length));
            start -= ChunkChars - length;
        }

        return total;
    }
}
