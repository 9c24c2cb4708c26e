namespace Chitin.Testing.Personas;

/// <summary>The providers of issue 18's tests, by name: one scripted server each, all serving the same model.</summary>
public static class ProviderPersonas
{
    public static IReadOnlyList<string> Names { get; } = ["slow", "fast", "flaky", "cacheless", "caching", "cache-liar", "token-inflater", "quantized"];

    /// <summary>The persona called <paramref name="name"/>; <paramref name="epsilon"/> is the corruption rate of <c>quantized</c>.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static ProviderPersona Create(string name, Action<TimeSpan>? advance = null, int seed = 1, double epsilon = 0.1)
    {
        var honest = new ProviderPersona { Name = name, Advance = advance, Seed = seed };
        return name switch
        {
            "slow" => honest with { FirstTokenDelay = TimeSpan.FromSeconds(3), DecodeTokensPerSecond = 20 },
            "fast" => honest with { FirstTokenDelay = TimeSpan.FromMilliseconds(150), DecodeTokensPerSecond = 150 },
            "flaky" => honest with { FailureRate = 0.5 },
            "cacheless" => honest with { PromptCaching = false },
            "caching" => honest,
            "cache-liar" => honest with { PromptCaching = false, PhantomCacheShare = 0.8 },
            "token-inflater" => honest with { PromptTokenFactor = 1.3 },
            "quantized" => honest with { CorruptionRate = epsilon },
            _ => throw new ArgumentException($"no persona '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
