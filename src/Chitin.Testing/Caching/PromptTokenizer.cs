namespace Chitin.Testing.Caching;

/// <summary>
/// The o200k tokenizer (GPT-4o's), loaded once per process and shared: loading the vocabulary is the expensive
/// part, encoding is cheap and thread-safe.
/// </summary>
internal static class PromptTokenizer
{
    private static readonly Lazy<Tokenizer> Shared = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static Tokenizer Instance => Shared.Value;

    /// <summary>Starts loading the vocabulary on the thread pool so the first request does not pay for it.</summary>
    public static void WarmUpInBackground()
    {
        if (!Shared.IsValueCreated)
        {
            _ = Task.Run(() => Shared.Value);
        }
    }

    public static int[] Encode(string text)
    {
        var ids = Instance.EncodeToIds(text);
        return ids is List<int> list ? list.ToArray() : ids.ToArray();
    }

    public static int Count(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : Instance.CountTokens(text);
}
