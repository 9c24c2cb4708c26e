namespace Chitin.Memory.Knowledge;

/// <summary>
/// Asks a chat model, in one small bounded call (texts clipped, a few output tokens, JSON answer), whether an incoming
/// fact duplicates, replaces or is independent of a stored one. Anything but a valid answer is <see cref="MemoryJudgement.Unsure"/>.
/// </summary>
public sealed class ChatMemoryJudge : IMemoryJudge
{
    /// <summary>Longest fact text sent to the model; longer texts are clipped so the call stays small.</summary>
    public const int MaxTextChars = 1_000;

    private const int MaxOutputTokens = 40;

    private const string Instructions = """
        You maintain a user's long-term memory. Compare a STORED fact with an INCOMING fact.
        Answer with JSON only: {"judgement": "<value>"} where <value> is one of:
        "same" - both state the same fact;
        "replaces" - both are about the same thing and INCOMING is the newer value that makes STORED outdated;
        "independent" - they are about different things and both stay true;
        "unsure" - you cannot tell.
        """;

    private readonly IChatClient _client;

    public ChatMemoryJudge(IChatClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    public async Task<MemoryJudgement> JudgeAsync(MemoryItem existing, MemoryDraft incoming, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Instructions),
            new(ChatRole.User, $"STORED: {Clip(existing.Text)}\nINCOMING: {Clip(incoming.Text)}"),
        ];
        var options = new ChatOptions
        {
            MaxOutputTokens = MaxOutputTokens,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.Json,
        };
        var response = await _client.GetResponseAsync(messages, options, ct).ConfigureAwait(false);
        return Parse(response.Text);
    }

    /// <summary>Reads {"judgement": "..."} (a surrounding code fence is tolerated); anything else is Unsure.</summary>
    internal static MemoryJudgement Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return MemoryJudgement.Unsure;
        }

        var json = answer.Trim();
        var open = json.IndexOf('{', StringComparison.Ordinal);
        var close = json.LastIndexOf('}');
        if (open < 0 || close <= open)
        {
            return MemoryJudgement.Unsure;
        }

        try
        {
            using var document = JsonDocument.Parse(json.AsMemory(open, close - open + 1));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("judgement", out var value)
                || value.ValueKind != JsonValueKind.String)
            {
                return MemoryJudgement.Unsure;
            }

            return value.GetString()?.Trim().ToLowerInvariant() switch
            {
                "same" => MemoryJudgement.Same,
                "replaces" => MemoryJudgement.Replaces,
                "independent" => MemoryJudgement.Independent,
                _ => MemoryJudgement.Unsure,
            };
        }
        catch (JsonException)
        {
            return MemoryJudgement.Unsure;
        }
    }

    private static string Clip(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= MaxTextChars ? flat : string.Concat(flat.AsSpan(0, MaxTextChars), "…");
    }
}
