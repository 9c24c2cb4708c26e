namespace Chitin.Hosting;

/// <summary>Opens the user's memory (tables in CHITIN_HOME/chitin.db) with the embedder the "memory" config section names.</summary>
public static class MemoryOpener
{
    /// <param name="backgroundIndexing">
    /// Embed saved items in the background: for sessions that live on. A one-shot command leaves them to the next search,
    /// so it exits without waiting for the model.
    /// </param>
    public static async Task<SqliteMemoryStore> OpenAsync(ChitinConfig config, IHostContext context, IMemoryJudge? judge, CancellationToken cancellationToken, bool backgroundIndexing = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var configured = CreateEmbedder(config, context);
        var options = new MemoryStoreOptions
        {
            Embedder = configured ?? OfflineEmbeddings.Create(),
            DisposeEmbedder = true,
            Judge = judge,
            Time = context.Time,
            BackgroundIndexing = backgroundIndexing,
        };
        try
        {
            OwnerOnly.CreateDirectory(config.Paths.Home);
            return await SqliteMemoryStore.OpenAsync(config.Paths.DatabaseFile, options, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or MemoryStoreException or DatabaseException)
        {
            throw new StoreUnavailableException($"cannot open the memory in {config.Paths.DatabaseFile}: {ex.Message}", ex);
        }
    }

    /// <summary>The configured embedding model at an OpenAI-compatible endpoint, or null for the offline one (<see cref="OfflineEmbeddings"/>).</summary>
    private static IEmbeddingGenerator<string, Embedding<float>>? CreateEmbedder(ChitinConfig config, IHostContext context)
    {
        var settings = config.Memory;
        if (settings.EmbeddingModel is not { } model)
        {
            return null;
        }

        var baseUrl = settings.EmbeddingBaseUrl ?? config.Provider.BaseUrl;
        var key = settings.EmbeddingApiKeyEnv is { } variable ? context.GetEnvironment(variable) : config.Provider.ApiKey;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri))
        {
            throw new ConfigException($"memory.embeddingBaseUrl (or provider.baseUrl) must be an absolute http(s) URL for embedding model '{model}', got '{baseUrl}'");
        }

        return OpenAiCompatibleEmbeddings.Create(uri, key, model);
    }
}
