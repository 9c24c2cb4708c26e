using Anthropic.Exceptions;

namespace Chitin.Providers.Chat;

/// <summary>
/// Turns what the SDKs and HttpClient throw into <see cref="ModelCallException"/> with a message a user can act on.
/// Messages are built from the status, the settings and the server's own error text (API key redacted); the SDKs'
/// messages are never passed through as they are.
/// </summary>
internal static class ModelErrorTranslator
{
    private const int MaxServerMessageLength = 300;

    /// <summary>Null when the exception must propagate unchanged (caller cancellation, already translated, unknown kinds).</summary>
    public static ModelCallException? Translate(Exception exception, ProviderSettings settings, string model, CancellationToken callerToken)
    {
        ModelCallException? translated = TranslateCore(exception, settings, model, callerToken);
        if (translated?.InnerException is not { } inner || RedactedProviderException.Redact(inner, settings.ApiKey) is not RedactedProviderException redacted)
        {
            return translated;
        }

        return new ModelCallException(translated.Message, translated.IsTransient, translated.StatusCode, redacted);
    }

    private static ModelCallException? TranslateCore(Exception exception, ProviderSettings settings, string model, CancellationToken callerToken)
    {
        if (exception is ModelCallException)
        {
            return null;
        }

        if (exception is OperationCanceledException && callerToken.IsCancellationRequested)
        {
            return null;
        }

        var context = new Context(settings, model);
        if (ReadStatus(exception) is { } status)
        {
            return FromStatus(status, ReadServerMessage(exception, settings), context, exception);
        }

        if (exception is AnthropicSseException sse)
        {
            return FromStreamError(sse, context);
        }

        if (Find<TimeoutException>(exception) is not null || exception is OperationCanceledException)
        {
            return new ModelCallException(
                $"{context.Url} did not respond in time for model '{model}'{context.AfterRetries}: the server may be overloaded; " +
                $"raise RequestTimeout (now {settings.RequestTimeout.TotalSeconds:0} s) for slow local models.",
                isTransient: true,
                innerException: exception);
        }

        if (Find<HttpRequestException>(exception) is { } http)
        {
            return FromNetworkError(http, context, exception);
        }

        if (Find<IOException>(exception) is not null)
        {
            return new ModelCallException(
                $"the connection to {context.Url} dropped while model '{model}' was answering (stream cut off)",
                isTransient: true,
                innerException: exception);
        }

        if (exception is AnthropicInvalidDataException or JsonException)
        {
            return new ModelCallException(
                $"{context.Url} sent a response for model '{model}' that could not be read: is it really an " +
                $"{(settings.Kind == ProviderKind.Anthropic ? "Anthropic" : "OpenAI-compatible")} endpoint?",
                isTransient: false,
                innerException: exception);
        }

        return null;
    }

    private static ModelCallException FromStatus(int status, string? serverMessage, Context context, Exception inner)
    {
        string detail = serverMessage is null ? string.Empty : $" (server said: {serverMessage})";
        string head = string.Create(CultureInfo.InvariantCulture, $"{status} {Reason(status)} from {context.Url}");
        string model = context.Model;
        string keySource = context.Settings.EffectiveApiKeySource;
        return status switch
        {
            401 => new ModelCallException(
                string.IsNullOrEmpty(context.Settings.ApiKey)
                    ? $"{head}: the server requires an API key and none is set — set {keySource}{detail}"
                    : $"{head}: the API key was rejected — check {keySource}{detail}",
                isTransient: false, status, inner),
            403 => new ModelCallException(
                $"{head}: the API key may not use model '{model}' — check {keySource} and the account's access{detail}",
                isTransient: false, status, inner),
            404 => new ModelCallException(
                $"{head}: model '{model}' not found — check {context.Settings.ModelSource}" +
                (context.Settings.Kind == ProviderKind.OpenAI ? " (and that the base URL includes /v1 where the server needs it)" : string.Empty) +
                detail,
                isTransient: false, status, inner),
            400 or 422 => new ModelCallException(
                $"{head}: the request for model '{model}' was rejected{(serverMessage is null ? string.Empty : $": {serverMessage}")}",
                isTransient: false, status, inner),
            429 => new ModelCallException(
                $"{head}: rate limited on model '{model}'{context.AfterRetries}{detail}",
                isTransient: true, status, inner),
            408 or 409 or 529 or >= 500 => new ModelCallException(
                $"{head}: the server failed or is overloaded on model '{model}'{(ModelRetryPipeline.IsRetryableStatus(status) ? context.AfterRetries : string.Empty)}{detail}",
                isTransient: true, status, inner),
            _ => new ModelCallException($"{head} for model '{model}'{detail}", isTransient: false, status, inner),
        };
    }

    private static ModelCallException FromStreamError(AnthropicSseException sse, Context context)
    {
        string? type = ReadErrorType(sse);
        string? serverMessage = Clean(sse.ApiMessage, context.Settings);
        string detail = serverMessage is null ? string.Empty : $": {serverMessage}";
        (bool transient, int? status) = type switch
        {
            "overloaded_error" => (true, 529),
            "rate_limit_error" => (true, 429),
            "api_error" => (true, 500),
            "timeout_error" => (true, 504),
            "authentication_error" => (false, 401),
            "permission_error" => (false, 403),
            "not_found_error" => (false, 404),
            "invalid_request_error" => (false, 400),
            _ => (true, (int?)null),
        };
        return new ModelCallException(
            $"{context.Url} reported an error in the middle of the answer from model '{context.Model}' ({type ?? "unknown error"}){detail}",
            transient,
            status,
            sse);
    }

    private static string? ReadErrorType(AnthropicServiceException exception)
    {
        try
        {
            return exception.Type?.Raw();
        }
        catch (AnthropicInvalidDataException)
        {
            // The error event had no readable type.
            return null;
        }
    }

    private static ModelCallException FromNetworkError(HttpRequestException http, Context context, Exception inner)
    {
        var (message, transient) = http.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => ($"could not connect to {context.Url}{context.AfterRetries}: is the server running and the base URL right?", true),
            HttpRequestError.NameResolutionError => ($"could not resolve the host of {context.Url}: check the base URL and the network", true),
            HttpRequestError.SecureConnectionError => ($"TLS handshake with {context.Url} failed: check the URL scheme (http vs https) and certificates", false),
            HttpRequestError.ResponseEnded => ($"{context.Url} closed the connection before answering model '{context.Model}'{context.AfterRetries}", true),
            _ => ($"network error talking to {context.Url} for model '{context.Model}'{context.AfterRetries}: {Clean(http.Message, context.Settings)}", true),
        };
        return new ModelCallException(message, isTransient: transient, innerException: inner);
    }

    private static int? ReadStatus(Exception exception) => exception switch
    {
        ClientResultException { Status: > 0 } result => result.Status,
        AnthropicApiException api => (int)api.StatusCode,
        HttpRequestException { StatusCode: { } code } => (int)code,
        _ => null,
    };

    private static string? ReadServerMessage(Exception exception, ProviderSettings settings)
    {
        string? raw = exception switch
        {
            AnthropicServiceException { ApiMessage: { Length: > 0 } apiMessage } => apiMessage,
            AnthropicApiException api => ExtractMessage(api.ResponseBody),
            ClientResultException result => ExtractMessage(ReadBody(result)),
            _ => null,
        };
        return Clean(raw, settings);
    }

    private static string? ReadBody(ClientResultException result)
    {
        try
        {
            return result.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body of a streamed error response was never buffered.
            return null;
        }
    }

    /// <summary>error.message (OpenAI and Anthropic), error as a string, or message; else the body itself.</summary>
    private static string? ExtractMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out JsonElement error))
                {
                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return error.GetString();
                    }

                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String)
                    {
                        return message.GetString();
                    }
                }

                if (root.TryGetProperty("message", out JsonElement topMessage) && topMessage.ValueKind == JsonValueKind.String)
                {
                    return topMessage.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, plain text): show the start of it.
        }

        return body;
    }

    /// <summary>One line, bounded, and never the API key even if a server echoes it.</summary>
    private static string? Clean(string? text, ProviderSettings settings)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string cleaned = PlainText.Collapse(text);
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            cleaned = cleaned.Replace(settings.ApiKey, "***", StringComparison.Ordinal);
        }

        return cleaned.Length <= MaxServerMessageLength ? cleaned : string.Concat(cleaned.AsSpan(0, MaxServerMessageLength), "…");
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string Reason(int status) => status switch
    {
        529 => "Overloaded",
        _ => Enum.IsDefined(typeof(HttpStatusCode), status) ? SplitWords(((HttpStatusCode)status).ToString()) : "Error",
    };

    private static string SplitWords(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]) ? " " + c : c.ToString()));

    private sealed record Context(ProviderSettings Settings, string Model)
    {
        public string Url => Settings.DisplayUrl;

        public string AfterRetries => Settings.MaxRetries > 0
            ? string.Create(CultureInfo.InvariantCulture, $" (after {Settings.MaxRetries} retries)")
            : string.Empty;
    }
}
