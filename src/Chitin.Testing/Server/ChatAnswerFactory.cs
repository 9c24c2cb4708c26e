namespace Chitin.Testing.Server;

/// <summary>Turns a script step into the answer to write: ids in the format's style, usage, optionally broken arguments.</summary>
internal static class ChatAnswerFactory
{
    public static ChatAnswer Create(WireDialect dialect, int index, string model, ScriptStep step, PromptMeasurement measurement, int chunkChars, bool malformed)
    {
        var calls = new AnswerToolCall[step.Calls.Count];
        for (var i = 0; i < calls.Length; i++)
        {
            var call = step.Calls[i];
            calls[i] = new AnswerToolCall(
                call.Id ?? WireIds.Make(dialect.ToolCallIdPrefix, index, i + 1),
                call.Name,
                malformed ? Truncate(call.ArgumentsJson) : call.ArgumentsJson,
                ArgumentsAreValid: !malformed);
        }

        return new ChatAnswer
        {
            Id = WireIds.Make(dialect.ResponseIdPrefix, index, 0),
            Model = model,
            CreatedUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Text = step.Content,
            ToolCalls = calls,
            PromptTokens = measurement.PromptTokens,
            CachedTokens = measurement.CachedTokens,
            CacheWriteTokens = measurement.CacheWriteTokens,
            OutputTokens = PromptAccountant.CountOutput(step.Content, calls, step.ReasoningTokens),
            ReasoningTokens = step.ReasoningTokens,
            ChunkChars = chunkChars,
        };
    }

    /// <summary>A strict prefix of a JSON object is never valid JSON: <c>{"path":"notes/plan.md"}</c> becomes <c>{"path":"not</c>.</summary>
    private static string Truncate(string argumentsJson)
    {
        var trimmed = argumentsJson.Trim();
        return trimmed[..Math.Max(1, trimmed.Length / 2)];
    }
}
