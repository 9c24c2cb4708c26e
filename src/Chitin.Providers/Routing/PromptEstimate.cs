namespace Chitin.Providers.Routing;

/// <summary>A cheap prompt-size estimate for routing (about four characters a token); the provider's count is what is billed.</summary>
public static class PromptEstimate
{
    private const int CharsPerToken = 4;
    private const int PerMessageOverhead = 4;

    public static long Tokens(IList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long chars = 0;
        foreach (ChatMessage message in messages)
        {
            chars += PerMessageOverhead * CharsPerToken;
            foreach (AIContent content in message.Contents)
            {
                chars += content switch
                {
                    TextContent text => text.Text?.Length ?? 0,
                    FunctionCallContent call => call.Name.Length + (call.Arguments?.Sum(a => a.Key.Length + (a.Value?.ToString()?.Length ?? 0)) ?? 0),
                    FunctionResultContent result => result.Result?.ToString()?.Length ?? 0,
                    _ => 0,
                };
            }
        }

        return Math.Max(1, chars / CharsPerToken);
    }
}
