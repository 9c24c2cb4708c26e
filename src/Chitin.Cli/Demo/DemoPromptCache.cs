namespace Chitin.Cli.Demo;

/// <summary>
/// Counts the demo's prompt tokens and plays a provider's prefix cache: the part of a prompt that repeats the start of
/// the previous one is served from cache, in 128-token blocks once at least 1,024 tokens match (OpenAI's rules).
/// The prompt is read as the provider would see it: tool definitions, then each message's text, calls and results.
/// </summary>
public sealed class DemoPromptCache
{
    private const int BlockTokens = 128;
    private const int MinimumCachedTokens = 1_024;

    private readonly ITokenCounter _counter;
    private string _previous = "";

    public DemoPromptCache(ITokenCounter counter) => _counter = counter ?? throw new ArgumentNullException(nameof(counter));

    /// <summary>Prompt tokens and how many of them the cache served; remembers the prompt for the next call.</summary>
    public (int Prompt, int Cached) Measure(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = Canonical(messages, options);
        var common = prompt.AsSpan().CommonPrefixLength(_previous);
        _previous = prompt;
        var total = _counter.CountTokens(prompt);
        var cached = common == 0 ? 0 : Math.Min(total, _counter.CountTokens(prompt[..common])) / BlockTokens * BlockTokens;
        return (total, cached < MinimumCachedTokens ? 0 : cached);
    }

    private static string Canonical(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var text = new StringBuilder(16_384);
        foreach (var tool in options?.Tools ?? [])
        {
            var schema = tool is AIFunctionDeclaration function ? function.JsonSchema.GetRawText() : "";
            text.Append(tool.Name).Append('\n').Append(tool.Description).Append('\n').Append(schema).Append("\n[/tool]\n");
        }

        if (options?.Instructions is { Length: > 0 } instructions)
        {
            text.Append(instructions).Append("\n[/system]\n");
        }

        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent t:
                        text.Append(t.Text).Append('\n');
                        break;
                    case FunctionCallContent call:
                        text.Append(call.Name).Append(' ').Append(DemoChatClient.ArgumentsJson(call)).Append("\n[/tool_call ").Append(call.CallId).Append("]\n");
                        break;
                    case FunctionResultContent result:
                        text.Append(result.Result).Append("[/tool_result ").Append(result.CallId).Append("]\n");
                        break;
                }
            }

            text.Append("[/").Append(message.Role.Value).Append("]\n");
        }

        return text.ToString();
    }
}
