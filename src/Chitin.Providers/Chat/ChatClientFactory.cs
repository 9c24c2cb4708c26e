using Anthropic;
using Anthropic.Core;
using OpenAI;

namespace Chitin.Providers.Chat;

/// <summary>
/// Builds the <see cref="IChatClient"/> the agent loop talks to. Per model: SDK adapter → usage normalisation →
/// truncated-stream guard → error translation; around all models the fallback chain. Underneath, one HttpClient
/// with the retry pipeline (the SDKs' own retries are off).
/// </summary>
public static class ChatClientFactory
{
    /// <summary>Long enough for any stream; the real limit is <see cref="ProviderSettings.RequestTimeout"/> to headers.</summary>
    private static readonly TimeSpan AnthropicSdkTimeout = TimeSpan.FromHours(24);

    public const string LoggerCategory = "Chitin.Providers";

    public static IChatClient Create(ProviderSettings settings, ILoggerFactory? loggerFactory = null) => Create(settings, loggerFactory, observe: null);

    /// <param name="observe">Sees every final HTTP response of the client (routing reads Retry-After of 429s from it).</param>
    public static IChatClient Create(ProviderSettings settings, ILoggerFactory? loggerFactory, Action<HttpResponseMessage>? observe)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ILogger logger = loggerFactory?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
        HttpClient http = ModelHttpClient.Create(settings, logger, TimeProvider.System, observe);

        List<IDisposable> owned = [http];
        // Each SDK in its own method: compiling this one loads neither, so a gateway on OpenAI never maps Anthropic.dll.
        Func<string, IChatClient> adapterFor = settings.Kind == ProviderKind.Anthropic
            ? AnthropicAdapter(settings, http, owned)
            : OpenAIAdapter(settings, http, loggerFactory);

        IEnumerable<ModelCandidate> candidates = settings.ModelsInOrder.Select(model => new ModelCandidate(
            model,
            new ErrorTranslatingChatClient(
                new StreamCompletionGuardChatClient(adapterFor(model), settings.DisplayUrl),
                settings,
                model)));
        return new ResourceOwningChatClient(new FallbackChatClient(candidates, logger), owned);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<string, IChatClient> AnthropicAdapter(ProviderSettings settings, HttpClient http, List<IDisposable> owned)
    {
        var anthropic = new AnthropicClient(new ClientOptions
        {
            BaseUrl = AnthropicRoot(settings.BaseUrl),
            ApiKey = settings.EffectiveApiKey,
            HttpClient = http,
            MaxRetries = 0,
            Timeout = AnthropicSdkTimeout,
        });
        owned.Add(anthropic);
        return model =>
        {
            IChatClient client = new AnthropicUsageNormalizingChatClient(anthropic.AsIChatClient(model, settings.MaxOutputTokens));
            return settings.AutomaticCacheBreakpoints ? new AnthropicCacheBreakpointChatClient(client) : client;
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Func<string, IChatClient> OpenAIAdapter(ProviderSettings settings, HttpClient http, ILoggerFactory? loggerFactory)
    {
        var openAI = new OpenAIClient(
            new ApiKeyCredential(settings.EffectiveApiKey),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(settings.BaseUrl.TrimEnd('/')),
                Transport = new HttpClientPipelineTransport(http),
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = Timeout.InfiniteTimeSpan,

                // The SDK's own request log reaches the host's log; URLs and headers are sanitised by the SDK
                // and message bodies (prompts, answers) are never logged.
                ClientLoggingOptions = loggerFactory is null ? null : new ClientLoggingOptions { LoggerFactory = loggerFactory, EnableMessageContentLogging = false },
            });
        return model =>
        {
            IChatClient client = new CompactToolSchemaChatClient(openAI.GetChatClient(model).AsIChatClient());
            return settings.PromptCacheKey is { Length: > 0 } key ? new PromptCacheKeyChatClient(client, key) : client;
        };
    }

    /// <summary>The SDK appends /v1/messages itself; accept a base URL written with /v1 too.</summary>
    private static string AnthropicRoot(string baseUrl)
    {
        string trimmed = baseUrl.TrimEnd('/');
        return trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed[..^3] : trimmed;
    }
}
