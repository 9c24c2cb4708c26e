using Microsoft.ML.Tokenizers;

namespace Chitin.Core.Context;

/// <summary>
/// o200k_base (GPT-4o/4.1/5 family) through Microsoft.ML.Tokenizers. Other providers' tokenizers differ by a few
/// percent; the loop reconciles with the usage each provider reports. The vocabulary loads on first use.
/// </summary>
public sealed class TiktokenCounter : ITokenCounter
{
    private static readonly Lazy<Tokenizer> Encoder = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static TiktokenCounter Instance { get; } = new();

    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : Encoder.Value.CountTokens(text);
    }
}
