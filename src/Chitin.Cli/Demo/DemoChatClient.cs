namespace Chitin.Cli.Demo;

/// <summary>
/// The model of <c>chitin demo</c>, in-process: it plays <see cref="DemoScript"/>, streams its answers in small
/// pieces as a provider does, and reports usage with prompt tokens counted by the local tokenizer and a simulated
/// prefix cache, so the demo shows real token, cache-hit and cost figures without a network or a key.
/// </summary>
public sealed class DemoChatClient : InProcessChatClient
{
    public const string ProviderName = "demo";

    private readonly ITokenCounter _counter;
    private readonly DemoPromptCache _cache;
    private int _calls;

    public DemoChatClient(ITokenCounter? counter = null)
    {
        _counter = counter ?? TiktokenCounter.Instance;
        _cache = new DemoPromptCache(_counter);
    }

    /// <summary>Model calls answered so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var call = Interlocked.Increment(ref _calls);
        var model = options?.ModelId ?? "scripted-demo";
        var (promptTokens, cachedTokens) = _cache.Measure(list, options);
        var results = ToolResults(list);
        var step = DemoScript.Next(results.Count);
        var text = step?.Intro ?? DemoScript.Summarise(results);
        FunctionCallContent? toolCall = step is null
            ? null
            : new FunctionCallContent(string.Create(CultureInfo.InvariantCulture, $"call_demo_{call}"), step.Tool, TranscriptMapper.ParseArguments(step.ArgumentsJson));

        var outputTokens = _counter.CountTokens(text) + (step is null ? 0 : _counter.CountTokens(step.Tool) + _counter.CountTokens(step.ArgumentsJson));

        // Answer asynchronously, as a provider does, so the loop's streaming path is the one users get.
        await Task.Yield();
        foreach (var update in Answer(model, text, toolCall is null ? [] : [toolCall], promptTokens, cachedTokens, outputTokens))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }
    }

    /// <summary>The call's arguments as JSON, as the transcript stores them.</summary>
    internal static string ArgumentsJson(FunctionCallContent call) => TranscriptMapper.SerializeArguments(call.Arguments);

    /// <summary>Each tool result so far with the name of the tool that produced it, in conversation order.</summary>
    private static List<(string Tool, string Result, bool IsError)> ToolResults(IReadOnlyList<ChatMessage> messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<(string Tool, string Result, bool IsError)>();
        foreach (var content in messages.SelectMany(m => m.Contents))
        {
            if (content is FunctionCallContent call)
            {
                names[call.CallId] = call.Name;
            }
            else if (content is FunctionResultContent result)
            {
                results.Add((names.GetValueOrDefault(result.CallId, "tool"), result.Result?.ToString() ?? "", result.Exception is not null));
            }
        }

        return results;
    }
}
