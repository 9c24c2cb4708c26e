namespace Chitin.Providers.Routing.Probes;

/// <summary>
/// The conformance cases: exact answers, JSON mode, a tool call naming every required argument, max_tokens and
/// stop honoured. Every case also needs reported usage. Prompts are plain instructions any model follows greedily.
/// </summary>
internal static class ConformanceSuite
{
    public const string ToolName = "record_city";

    private const int LimitedTokens = 16;

    private static readonly string[] RequiredArguments = ["city", "country"];

    public static AITool Tool { get; } = AIFunctionFactory.CreateDeclaration(
        ToolName,
        "Records a city and its country.",
        JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"},"country":{"type":"string"}},"required":["city","country"]}""").RootElement);

    public static IReadOnlyList<ConformanceCase> Cases(int round, int seed)
    {
        string word = string.Create(CultureInfo.InvariantCulture, $"chitin-{seed}-{round}");
        string json = string.Create(CultureInfo.InvariantCulture, $$"""{"city":"Paris","round":{{round}}}""");
        string arguments = round % 2 == 0 ? """{"city":"Paris","country":"France"}""" : """{"city":"Lima","country":"Peru"}""";
        return
        [
            new("exact", $"Reply with exactly: {word}", () => new ChatOptions { Temperature = 0 },
                a => a.Text.Trim() == word ? null : $"expected '{word}', got '{Short(a.Rendered)}'", a => a.Text.Trim()),
            new("json_mode", $"Reply with the JSON object: {json}", () => new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json },
                a => JsonAnswer(a.Text, json), a => Normalize(a.Text)),
            new("tool_call", $"Call the tool {ToolName} with arguments {arguments}", () => new ChatOptions { Temperature = 0, Tools = [Tool], ToolMode = ChatToolMode.RequireAny },
                ToolAnswer, a => a.Rendered),
            new("max_tokens", "Count from 1 to 300, separated by spaces.", () => new ChatOptions { Temperature = 0, MaxOutputTokens = LimitedTokens },
                a => a.OutputTokens is > LimitedTokens ? $"max_tokens {LimitedTokens} not honoured: {a.OutputTokens} output tokens" : null,
                a => a.OutputTokens is > LimitedTokens ? "over" : "within"),
            new("stop", "Write the letters A to J separated by spaces.", () => new ChatOptions { Temperature = 0, StopSequences = ["F"] },
                a => a.Text.Contains('E', StringComparison.Ordinal) && !a.Text.Contains('F', StringComparison.Ordinal) ? null : $"stop 'F' not honoured: '{Short(a.Text)}'",
                a => a.Text.Trim()),
        ];
    }

    /// <summary>Null when the answer reports usage, else why not.</summary>
    public static string? UsageProblem(ProbeAnswer answer) =>
        answer.InputTokens is > 0 && answer.OutputTokens is >= 0 ? null : "no usage reported";

    private static string? ToolAnswer(ProbeAnswer answer)
    {
        FunctionCallContent? call = answer.ToolCalls.FirstOrDefault(c => c.Name == ToolName);
        if (call is null)
        {
            return $"no {ToolName} call, got '{Short(answer.Rendered)}'";
        }

        string[] missing = [.. RequiredArguments.Where(r => call.Arguments?.TryGetValue(r, out object? value) != true || string.IsNullOrWhiteSpace(value?.ToString()))];
        return missing.Length == 0 ? null : $"{ToolName} call misses required argument(s) {string.Join(", ", missing)}";
    }

    private static string? JsonAnswer(string text, string expected)
    {
        try
        {
            return Normalize(text) == Normalize(expected) ? null : $"JSON differs: '{Short(text)}'";
        }
        catch (JsonException)
        {
            return $"not JSON: '{Short(text)}'";
        }
    }

    private static string Normalize(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? string.Join(",", document.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetRawText()}"))
                : "not-an-object";
        }
        catch (JsonException)
        {
            return "not-json:" + text.Trim();
        }
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
