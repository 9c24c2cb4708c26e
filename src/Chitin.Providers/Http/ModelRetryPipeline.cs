namespace Chitin.Providers.Http;

/// <summary>
/// The one retry layer for model calls (both SDKs have theirs switched off): exponential backoff with jitter,
/// Retry-After honoured up to <see cref="ProviderSettings.MaxRetryDelay"/>. Deliberately no timeout strategy:
/// it would keep running while the response body streams and cut it.
/// </summary>
internal static class ModelRetryPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(ProviderSettings settings, ILogger logger, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.MaxRetries == 0)
        {
            return builder.Build();
        }

        TimeSpan maxDelay = settings.MaxRetryDelay;
        string url = settings.DisplayUrl;
        return builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.InitialRetryDelay,
            MaxDelay = maxDelay,
            ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome)),
            DelayGenerator = args =>
            {
                TimeSpan? asked = RetryAfter.Read(args.Outcome.Result, time);
                return ValueTask.FromResult(asked is { } wait ? (TimeSpan?)(wait > maxDelay ? maxDelay : wait) : null);
            },
            OnRetry = args =>
            {
                ProvidersLog.Retrying(logger, url, Describe(args.Outcome), args.AttemptNumber + 1, settings.MaxRetries, args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    internal static bool IsRetryableStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504 or 529;

    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException
            {
                HttpRequestError: HttpRequestError.Unknown or HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError,
            };
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        // OpenAI and Anthropic tell clients explicitly when a retry cannot help (or can).
        if (response.Headers.TryGetValues("x-should-retry", out IEnumerable<string>? values)
            && bool.TryParse(values.FirstOrDefault(), out bool serverSays))
        {
            return serverSays && !response.IsSuccessStatusCode;
        }

        return IsRetryableStatus((int)response.StatusCode);
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.Message
            : $"{(int)(outcome.Result?.StatusCode ?? 0)} {outcome.Result?.ReasonPhrase ?? ((HttpStatusCode)(int)(outcome.Result?.StatusCode ?? 0)).ToString()}";
}
