namespace Chitin.Providers.Routing.Probes;

/// <summary>Makes one probe call: checks the probe budget with the call's worst case, streams, times, prices and books it.</summary>
internal sealed class ProbeCaller(ProbeBudget budget, TimeProvider time)
{
    /// <exception cref="ProbeBudgetSpentException">The budget cannot pay for the call; it is not made.</exception>
    /// <param name="stream">False when time to first token does not matter (equivalence samples): one JSON answer is cheaper to take.</param>
    public async Task<ProbeAnswer> CallAsync(ProbeTarget target, string prompt, ChatOptions options, CancellationToken cancellationToken, bool stream = true)
    {
        List<ChatMessage> messages = [new(ChatRole.User, prompt)];
        long estimate = PromptEstimate.Tokens(messages) + ToolTokens(options);
        options.ModelId = target.Settings.WireModel;
        int maxOutput = options.MaxOutputTokens ?? 64;
        budget.Check((decimal)EndpointRanker.WorstCaseCost(target.Settings, estimate, maxOutput));

        long start = time.GetTimestamp();
        double? firstTokenMs = null;
        var updates = new List<ChatResponseUpdate>();
        ChatResponse? whole = null;
        try
        {
            if (!stream)
            {
                whole = await target.Client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await foreach (ChatResponseUpdate update in target.Client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
                {
                    if (firstTokenMs is null && update.Contents.Any(c => c is not UsageContent))
                    {
                        firstTokenMs = time.GetElapsedTime(start).TotalMilliseconds;
                    }

                    updates.Add(update);
                }
            }
        }
        catch (ModelCallException ex)
        {
            return new ProbeAnswer { Error = ex.Message, EstimatedInputTokens = estimate, LatencyMs = time.GetElapsedTime(start).TotalMilliseconds };
        }

        double latency = time.GetElapsedTime(start).TotalMilliseconds;
        ChatResponse response = whole ?? updates.ToChatResponse();
        UsageDetails? usage = response.Usage;
        var price = target.Settings.Price;
        long input = usage?.InputTokenCount ?? 0;
        long cached = usage?.CachedInputTokenCount ?? 0;
        long output = usage?.OutputTokenCount ?? 0;
        decimal cost = ((Math.Max(0, input - cached) * price.Input) + (cached * price.CachedInput) + (output * price.Output)) / 1_000_000m;
        budget.Book(cost);
        return new ProbeAnswer
        {
            Text = response.Text,
            ToolCalls = [.. response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()],
            InputTokens = usage?.InputTokenCount,
            CachedInputTokens = cached,
            OutputTokens = usage?.OutputTokenCount,
            TimeToFirstTokenMs = firstTokenMs,
            LatencyMs = latency,
            EstimatedInputTokens = estimate,
            CostUsd = cost,
        };
    }

    /// <summary>Tool definitions are part of the prompt: name, description and schema, about four characters a token.</summary>
    private static long ToolTokens(ChatOptions options) =>
        (options.Tools ?? []).OfType<AIFunctionDeclaration>().Sum(t => (long)(t.Name.Length + t.Description.Length + t.JsonSchema.GetRawText().Length)) / 4;
}
