namespace Chitin.Providers.Diagnostics;

/// <summary>
/// The check behind <c>chitin doctor</c>: lists the provider's models (GET {base}/models, or /v1/models on
/// Anthropic), which proves the server is up, the URL right and the key accepted without spending tokens.
/// Never throws for network or configuration problems; only caller cancellation surfaces.
/// </summary>
public static class ProviderProbe
{
    private static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(15);
    private const string AnthropicVersion = "2023-06-01";
    private const int ModelsShownInHint = 5;

    public static async Task<ProviderProbeResult> CheckAsync(ProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException ex)
        {
            return new ProviderProbeResult(false, false, null, TimeSpan.Zero, ex.Message.Split(" (Parameter", 2)[0]);
        }

        string url = ModelsUrl(settings);
        TimeSpan timeout = settings.RequestTimeout == Timeout.InfiniteTimeSpan || settings.RequestTimeout > MaxProbeTimeout
            ? MaxProbeTimeout
            : settings.RequestTimeout;
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { Timeout = timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        // The same credential header the chat SDKs send: both use a bearer token (Anthropic 13.x included).
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.EffectiveApiKey);
        if (settings.Kind == ProviderKind.Anthropic)
        {
            request.Headers.Add("anthropic-version", AnthropicVersion);
        }

        string shownUrl = Shown(settings, url);
        var clock = Stopwatch.StartNew();
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            TimeSpan latency = clock.Elapsed;
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return new ProviderProbeResult(true, false, status, latency, FailureMessage(settings, status, shownUrl));
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string>? models = ReadModelIds(body);
            return new ProviderProbeResult(true, true, status, latency, SuccessMessage(settings, models, latency), models?.Contains(settings.Model, StringComparer.Ordinal));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new ProviderProbeResult(false, false, null, clock.Elapsed, string.Create(
                CultureInfo.InvariantCulture,
                $"no answer from {shownUrl} within {timeout.TotalSeconds:0} s: the server is not responding (overloaded, or a firewall drops the connection)"));
        }
        catch (HttpRequestException ex)
        {
            return new ProviderProbeResult(false, false, null, clock.Elapsed, NetworkMessage(settings, ex));
        }
    }

    private static string ModelsUrl(ProviderSettings settings)
    {
        string trimmed = settings.BaseUrl.TrimEnd('/');
        if (settings.Kind == ProviderKind.OpenAI)
        {
            return trimmed + "/models";
        }

        return (trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed : trimmed + "/v1") + "/models";
    }

    private static string Shown(ProviderSettings settings, string url) =>
        settings.DisplayUrl + url[settings.BaseUrl.TrimEnd('/').Length..].Split('?')[0];

    private static string SuccessMessage(ProviderSettings settings, IReadOnlyList<string>? models, TimeSpan latency)
    {
        string head = string.Create(CultureInfo.InvariantCulture, $"{settings.DisplayUrl} answered in {latency.TotalMilliseconds:0} ms");
        if (models is null)
        {
            return $"{head}; its model list could not be read, so model '{settings.Model}' is unchecked";
        }

        if (models.Contains(settings.Model, StringComparer.Ordinal))
        {
            return $"{head}; model '{settings.Model}' is available";
        }

        string some = string.Join(", ", models.Take(ModelsShownInHint)) + (models.Count > ModelsShownInHint ? ", …" : string.Empty);
        return models.Count == 0
            ? $"{head} but lists no models; model '{settings.Model}' may not be served"
            : $"{head} but model '{settings.Model}' is not among its {models.Count} models ({some}) — check {settings.ModelSource}";
    }

    private static string FailureMessage(ProviderSettings settings, int status, string shownUrl) => status switch
    {
        401 => string.IsNullOrEmpty(settings.ApiKey)
            ? $"401 from {shownUrl}: the server requires an API key and none is set — set {settings.EffectiveApiKeySource}"
            : $"401 from {shownUrl}: the API key was rejected — check {settings.EffectiveApiKeySource}",
        403 => $"403 from {shownUrl}: the API key is not allowed to list models — check {settings.EffectiveApiKeySource} and the account's access",
        404 => settings.Kind == ProviderKind.OpenAI
            ? $"404 from {shownUrl}: check the base URL (OpenAI-compatible URLs usually end in /v1, e.g. http://localhost:11434/v1)"
            : $"404 from {shownUrl}: check the base URL (the API root, e.g. https://api.anthropic.com)",
        429 => $"429 from {shownUrl}: rate limited right now; the key works but calls may be throttled",
        >= 500 => string.Create(CultureInfo.InvariantCulture, $"{status} from {shownUrl}: the server is failing or overloaded; try again later"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{status} from {shownUrl}: unexpected answer to the model listing"),
    };

    private static string NetworkMessage(ProviderSettings settings, HttpRequestException exception) => exception.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => $"could not connect to {settings.DisplayUrl}: is the server running and the base URL right?",
        HttpRequestError.NameResolutionError => $"could not resolve the host of {settings.DisplayUrl}: check the base URL and the network",
        HttpRequestError.SecureConnectionError => $"TLS handshake with {settings.DisplayUrl} failed: check the scheme (http vs https) and certificates",
        _ => $"network error talking to {settings.DisplayUrl}: the connection failed before an answer ({exception.HttpRequestError})",
    };

    /// <summary>OpenAI and Anthropic both answer {"data":[{"id":...}]}; Ollama's OpenAI endpoint too.</summary>
    private static IReadOnlyList<string>? ReadModelIds(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data", out JsonElement data)
                || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return [.. data.EnumerateArray()
                .Where(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String)
                .Select(item => item.GetProperty("id").GetString()!)];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
