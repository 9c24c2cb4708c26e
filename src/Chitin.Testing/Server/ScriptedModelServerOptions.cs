namespace Chitin.Testing.Server;

/// <summary>Settings of a <see cref="ScriptedModelServer"/>; the defaults suit tests.</summary>
public sealed class ScriptedModelServerOptions
{
    /// <summary>The model id listed when neither the options nor the script name one.</summary>
    public const string DefaultModel = "scripted-model";

    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Model ids listed by <c>GET /v1/models</c>; null means the script's model, else <see cref="DefaultModel"/>.</summary>
    public IReadOnlyList<string>? Models { get; set; }

    /// <summary>When true, chat requests for a model not in <see cref="Models"/> get a 404 (to exercise model fallback).</summary>
    public bool RejectUnknownModels { get; set; }

    /// <summary>About how many characters each streamed text or argument delta carries.</summary>
    public int ChunkChars { get; set; } = 20;

    /// <summary>Cached tokens are rounded down to a multiple of this (providers cache in blocks, e.g. 128).</summary>
    public int CacheBlockTokens { get; set; } = 1;

    /// <summary>A cached prefix shorter than this counts as no cache hit (OpenAI caches from 1,024 tokens).</summary>
    public int MinCacheableTokens { get; set; }

    /// <summary>False simulates a provider without a prefix cache: every prompt reports 0 cached tokens.</summary>
    public bool PromptCaching { get; set; } = true;

    /// <summary>How many earlier prompts per model the simulated prefix cache compares against.</summary>
    public int CacheHistoryPerModel { get; set; } = 128;

    /// <summary>How many requests <see cref="ScriptedModelServer.Requests"/> keeps; the oldest are dropped beyond it.</summary>
    public int MaxRecordedRequests { get; set; } = 2_000;

    /// <summary>
    /// How this server behaves as a provider (<see cref="Personas.ProviderPersona"/>): simulated latency on a fake clock,
    /// failures, honest or dishonest usage, degraded answers. Null (the default) is an honest, instant provider.
    /// </summary>
    public Personas.ProviderPersona? Persona { get; set; }

    /// <summary>Where Kestrel logs; null (the default) keeps the server silent.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(ChunkChars, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheBlockTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(MinCacheableTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheHistoryPerModel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordedRequests, 1);
        if (Models is { } models && (models.Count == 0 || models.Any(string.IsNullOrWhiteSpace)))
        {
            throw new ArgumentException("Models must name at least one model and no blank ones.", nameof(Models));
        }
    }
}
