namespace Chitin.Hosting;

/// <summary>
/// Memory for agent runs: the store, the memory_* tools, the digest layer of the system prompt and the capture of
/// durable facts before compaction and at the end of a run.
/// </summary>
public sealed class MemoryServices : IAsyncDisposable
{
    /// <summary>Short runs wait: their conversation is captured with a later run's, or before compaction.</summary>
    public const int MinNewTokensAtRunEnd = 1_000;

    private readonly MemorySettings _settings;
    private readonly SqliteCaptureMarks? _marks;
    private readonly TimeProvider _time;
    private readonly Lock _digestGate = new();
    private MemoryDigestLayer? _digest;

    private MemoryServices(MemorySettings settings, SqliteMemoryStore store, SqliteCaptureMarks? marks, TimeProvider time)
    {
        _settings = settings;
        Store = store;
        _marks = marks;
        _time = time;
        Tools = MemoryTools.Create(store);
    }

    public IMemoryStore Store { get; }

    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>Opens the memory when the "memory" section enables it; null otherwise.</summary>
    public static async Task<MemoryServices?> OpenAsync(ChitinConfig config, IHostContext context, IChatClient? judgeClient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Memory.Enabled)
        {
            return null;
        }

        var judge = judgeClient is null ? null : new ChatMemoryJudge(judgeClient);
        var store = await MemoryOpener.OpenAsync(config, context, judge, cancellationToken);
        try
        {
            // The capture table is only needed when capture is on; start-up skips it otherwise.
            var marks = config.Memory.Capture ? await SqliteCaptureMarks.OpenAsync(config.Paths.DatabaseFile, cancellationToken, context.Time) : null;
            return new MemoryServices(config.Memory, store, marks, context.Time);
        }
        catch (InvalidOperationException ex)
        {
            await store.DisposeAsync();
            throw new StoreUnavailableException($"cannot open the memory in {config.Paths.DatabaseFile}: {ex.Message}", ex);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The digest layer, or null when the digest is switched off. One per host (per token counter): it keeps the
    /// candidate lists it read while the store is unchanged, for every runner's new sessions.
    /// </summary>
    public IPromptLayerSource? DigestLayer(ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        if (_settings.DigestTokens <= 0)
        {
            return null;
        }

        lock (_digestGate)
        {
            if (_digest is null || !ReferenceEquals(_digest.Counter, counter))
            {
                _digest = new MemoryDigestLayer(Store, counter, new MemoryDigestOptions { MaxTokens = _settings.DigestTokens, Time = _time });
            }

            return _digest;
        }
    }

    /// <summary>The capture for a runner's model, or null when capture is switched off.</summary>
    public MemoryCapture? CaptureFor(IChatClient chat, string model, string providerName, PriceTable prices, ISessionStore sessions, IUsageStore usage, ISecretRedactor redactor)
    {
        if (_marks is null)
        {
            return null;
        }

        var options = new MemoryCaptureOptions
        {
            Model = model,
            ProviderName = providerName,
            Prices = prices,
            Redactor = redactor,
            Marks = _marks,
            MinNewTokensAtStop = MinNewTokensAtRunEnd,
        };
        return new MemoryCapture(Store, sessions, usage, chat, options);
    }

    public ValueTask DisposeAsync()
    {
        _marks?.Dispose();
        return Store.DisposeAsync();
    }
}
