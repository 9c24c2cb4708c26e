namespace Chitin.Testing.Personas;

/// <summary>Applies a <see cref="ProviderPersona"/> to each request of one server. Thread-safe; seeded.</summary>
internal sealed class PersonaBehaviour(ProviderPersona persona)
{
    private readonly Random _random = new(persona.Seed);
    private readonly Lock _gate = new();

    public ProviderPersona Persona => persona;

    /// <summary>True when this request should fail with a 503 before any token.</summary>
    public bool Fails() => persona.FailureRate > 0 && Next() < persona.FailureRate;

    /// <summary>The step as this provider serves it: degraded at the corruption rate.</summary>
    public ScriptStep Degrade(ScriptStep step)
    {
        if (persona.CorruptionRate <= 0 || step.IsError || Next() >= persona.CorruptionRate)
        {
            return step;
        }

        if (step.Calls.Count == 0)
        {
            return ScriptStep.Text(Corrupt(step.Content));
        }

        return ScriptStep.ToolCalls(step.Content, [.. step.Calls.Select(c => c with { ArgumentsJson = DropLastArgument(c.ArgumentsJson) })]);
    }

    /// <summary>The usage this provider reports, and the simulated time the answer took (what the clock advances by).</summary>
    public ChatAnswer Report(ChatAnswer answer)
    {
        int trueCached = persona.PromptCaching ? answer.CachedTokens : 0;
        int uncached = answer.PromptTokens - trueCached;
        double seconds = persona.FirstTokenDelay.TotalSeconds
            + (uncached / 1000.0 * persona.PrefillPerThousandTokens.TotalSeconds)
            + (answer.OutputTokens / Math.Max(1e-3, persona.DecodeTokensPerSecond));
        persona.Advance?.Invoke(TimeSpan.FromSeconds(seconds));

        int prompt = (int)Math.Round(answer.PromptTokens * persona.PromptTokenFactor);
        int cached = Math.Max(trueCached, (int)(answer.PromptTokens * persona.PhantomCacheShare));
        return answer with { PromptTokens = prompt, CachedTokens = Math.Min(prompt, cached), CacheWriteTokens = Math.Min(answer.CacheWriteTokens, prompt - cached) };
    }

    private double Next()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>A wrong answer of about the same shape: the words reversed and one replaced.</summary>
    private static string Corrupt(string text)
    {
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "?";
        }

        Array.Reverse(words);
        words[0] = "garbled";
        return string.Join(' ', words);
    }

    private static string DropLastArgument(string argumentsJson)
    {
        if (JsonNode.Parse(argumentsJson) is not JsonObject arguments || arguments.Count == 0)
        {
            return argumentsJson;
        }

        arguments.Remove(arguments.Last().Key);
        return arguments.ToJsonString();
    }
}
