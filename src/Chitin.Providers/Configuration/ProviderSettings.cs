namespace Chitin.Providers.Configuration;

/// <summary>
/// Where and how to reach a model. <see cref="ToString"/> never shows <see cref="ApiKey"/>.
/// </summary>
public sealed record ProviderSettings
{
    /// <summary>Sent when <see cref="ApiKey"/> is null: local servers (Ollama, vLLM) ignore it, the SDKs require one.</summary>
    public const string PlaceholderApiKey = "no-key";

    public const int DefaultMaxOutputTokens = 8192;

    public ProviderKind Kind { get; init; } = ProviderKind.OpenAI;

    /// <summary>
    /// OpenAI-compatible: the URL as users write it, including <c>/v1</c> (<c>http://localhost:11434/v1</c>,
    /// <c>https://openrouter.ai/api/v1</c>). Anthropic: the root (<c>https://api.anthropic.com</c>).
    /// </summary>
    public required string BaseUrl { get; init; }

    /// <summary>Null for servers that need none; a placeholder is sent then.</summary>
    public string? ApiKey { get; init; }

    public required string Model { get; init; }

    /// <summary>Tried in order when <see cref="Model"/> is unavailable (not found, overloaded, retries exhausted).</summary>
    public IReadOnlyList<string> FallbackModels { get; init; } = [];

    /// <summary>Longest wait for the response headers of one attempt. A streaming body is never cut by it.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries after the first attempt on 408/429/5xx/529 and dropped connections.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay; it doubles each retry (with jitter) unless the server sends Retry-After.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap for any single wait, including one a server asks for with Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Anthropic requires max_tokens; this is the default when a request does not set one.</summary>
    public int MaxOutputTokens { get; init; } = DefaultMaxOutputTokens;

    /// <summary>
    /// Sent to OpenAI-compatible servers as <c>prompt_cache_key</c> so requests sharing a prefix land on the same
    /// cache. Null sends nothing.
    /// </summary>
    public string? PromptCacheKey { get; init; }

    /// <summary>
    /// Anthropic only: mark the end of the system prompt and of the conversation with cache_control on every call
    /// (unless the caller placed breakpoints itself), so the growing prefix is read from the cache.
    /// </summary>
    public bool AutomaticCacheBreakpoints { get; init; } = true;

    /// <summary>Where the user sets the key, named in error messages (default: OPENAI_API_KEY or ANTHROPIC_API_KEY).</summary>
    public string? ApiKeySource { get; init; }

    /// <summary>Where the user sets the model, named in "model not found" messages.</summary>
    public string ModelSource { get; init; } = "CHITIN_MODEL or --model";

    private readonly string? _name;

    /// <summary>Provider name for metering; by default derived from the host (openrouter, deepseek, 127.0.0.1:8000).</summary>
    public string Name
    {
        get => _name ?? DeriveName();
        init => _name = value;
    }

    /// <summary>The primary model followed by the fallbacks, without duplicates.</summary>
    public IReadOnlyList<string> ModelsInOrder =>
        [.. new[] { Model }.Concat(FallbackModels).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.Ordinal)];

    internal string EffectiveApiKey => string.IsNullOrEmpty(ApiKey) ? PlaceholderApiKey : ApiKey;

    internal string EffectiveApiKeySource =>
        ApiKeySource ?? (Kind == ProviderKind.Anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");

    /// <summary>The base URL without user info or query, safe to show.</summary>
    public string DisplayUrl
    {
        get
        {
            if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? uri))
            {
                return "(invalid base URL)";
            }

            var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
            return builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting and how to fix it.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"Base URL '{DisplayUrlOrRaw()}' is not an absolute http(s) URL, e.g. http://localhost:11434/v1 or https://api.anthropic.com.",
                nameof(BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException($"No model is set: set {ModelSource}.", nameof(Model));
        }

        if (FallbackModels is null || FallbackModels.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Fallback models must be non-empty model ids.", nameof(FallbackModels));
        }

        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(MaxRetryDelay, nameof(MaxRetryDelay));
        if (InitialRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(InitialRetryDelay)} must not be negative.", nameof(InitialRetryDelay));
        }

        if (MaxRetries is < 0 or > 100)
        {
            throw new ArgumentException($"{nameof(MaxRetries)} must be between 0 and 100 (got {MaxRetries}).", nameof(MaxRetries));
        }

        if (MaxOutputTokens <= 0)
        {
            throw new ArgumentException($"{nameof(MaxOutputTokens)} must be positive (got {MaxOutputTokens}).", nameof(MaxOutputTokens));
        }
    }

    /// <summary>Everything but the key, which shows only as set or not set.</summary>
    public override string ToString()
    {
        string fallbacks = FallbackModels is { Count: > 0 } ? $", FallbackModels = [{string.Join(", ", FallbackModels)}]" : string.Empty;
        string key = string.IsNullOrEmpty(ApiKey) ? "not set" : "***";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"ProviderSettings {{ Name = {Name}, Kind = {Kind}, BaseUrl = {DisplayUrl}, Model = {Model}{fallbacks}, ApiKey = {key}, " +
            $"RequestTimeout = {RequestTimeout}, MaxRetries = {MaxRetries}, MaxRetryDelay = {MaxRetryDelay} }}");
    }

    private string DisplayUrlOrRaw() => Uri.TryCreate(BaseUrl, UriKind.Absolute, out _) ? DisplayUrl : BaseUrl ?? string.Empty;

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{name} must be positive (got {value}).", name);
        }
    }

    private string DeriveName()
    {
        string kind = Kind == ProviderKind.Anthropic ? "anthropic" : "openai";
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? uri))
        {
            return kind;
        }

        if (uri.IsLoopback || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{kind}@{uri.Host}:{uri.Port}");
        }

        // api.deepseek.com -> deepseek, openrouter.ai -> openrouter, dashscope.aliyuncs.com -> aliyuncs
        string[] labels = uri.Host.Split('.');
        return labels.Length >= 2 ? labels[^2].ToLowerInvariant() : uri.Host.ToLowerInvariant();
    }
}
