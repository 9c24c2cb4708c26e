namespace Chitin.Tools.Web;

/// <summary>
/// web_fetch: GETs an http(s) URL (up to 5 redirects, a timeout and a download cap) and returns its text; HTML
/// becomes Markdown of the main content. The text is wrapped as untrusted content. Every hop goes through the
/// <see cref="SsrfGuard"/>: internal addresses are refused unless web.allowHosts / web.allowRanges allow them.
/// </summary>
public sealed class WebFetchTool : ToolBase, IDisposable
{
    public const int MaxRedirects = 5;

    private const int ErrorExcerptChars = 1_000;

    private const string Schema =
        """
        {"type":"object","properties":{"url":{"type":"string"},"max_chars":{"type":"integer","minimum":100}},"required":["url"]}
        """;

    private readonly BuiltInToolOptions _options;
    private readonly SsrfGuard _guard;
    private readonly HttpClient _client;

    /// <param name="resolver">Resolves host names for the SSRF guard (tests); DNS when null.</param>
    public WebFetchTool(BuiltInToolOptions? options = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null)
        : base("web_fetch", "Fetch an http(s) URL. HTML comes back as Markdown of the main content; JSON and text as they are.", Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe | ToolTraits.Network, ToolSubject.Url())
    {
        _options = (options ?? BuiltInToolOptions.Default).Validated();
        _guard = new SsrfGuard(_options.WebEgress, resolver);
        _client = new HttpClient(_guard.CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Chitin/0.1 (web_fetch)");
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.5");
    }

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var url = arguments.String("url", required: true);
        var maxChars = Math.Min(arguments.Integer("max_chars", minimum: 100) ?? _options.MaxOutputChars, _options.MaxOutputChars);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (!Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri))
        {
            return ToolResult.Error($"'{url}' is not an absolute URL; give one such as https://example.com/page.");
        }

        if (!IsWebScheme(uri))
        {
            return ToolResult.Error($"Only http and https URLs can be fetched; the '{uri.Scheme}:' scheme is refused. Use read_file for local files.");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.WebFetchTimeout);
        try
        {
            return await FetchAsync(uri, maxChars, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolResult.Error($"Fetching {uri.AbsoluteUri} timed out after {_options.WebFetchTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex) when (EgressRefusedException.FindIn(ex) is { } refused)
        {
            return ToolResult.Error($"Not fetched: {uri.AbsoluteUri}: {refused.Message}");
        }
        catch (HttpRequestException ex)
        {
            return ToolResult.Error($"Could not fetch {uri.AbsoluteUri}: {ex.Message}");
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<ToolResult> FetchAsync(Uri requested, int maxChars, CancellationToken cancellationToken)
    {
        var current = requested;
        for (var redirects = 0; ; redirects++)
        {
            if (_guard.CheckLiteral(current) is { } refusal)
            {
                return ToolResult.Error(redirects == 0
                    ? $"Not fetched: {current.AbsoluteUri}: {refusal}"
                    : $"Not followed: {requested.AbsoluteUri} redirects to {current.AbsoluteUri}: {refusal}");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            HttpResponseMessage sent;
            try
            {
                sent = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (redirects > 0 && EgressRefusedException.FindIn(ex) is { } refused)
            {
                return ToolResult.Error($"Not followed: {requested.AbsoluteUri} redirects to {current.AbsoluteUri}: {refused.Message}");
            }

            using var response = sent;
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                var next = new Uri(current, location);
                if (!IsWebScheme(next))
                {
                    return ToolResult.Error($"{current.AbsoluteUri} redirects to '{next}', which is not an http(s) URL; not followed.");
                }

                if (redirects == MaxRedirects)
                {
                    return ToolResult.Error($"{requested.AbsoluteUri} redirects more than {MaxRedirects} times (last to {next.AbsoluteUri}); not followed further.");
                }

                current = next;
                continue;
            }

            var body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return Describe(requested, current, response, body, redirects, maxChars);
        }
    }

    private ToolResult Describe(Uri requested, Uri final, HttpResponseMessage response, DownloadedBody body, int redirects, int maxChars)
    {
        var contentType = response.Content.Headers.ContentType;
        var mediaType = contentType?.MediaType?.ToLowerInvariant();
        var status = (int)response.StatusCode;
        if (!IsText(mediaType) && BinarySniffer.BinaryKind(body.Bytes.AsSpan(0, Math.Min(body.Bytes.Length, BinarySniffer.SampleSize))) is { } kind)
        {
            return ToolResult.Error($"{final.AbsoluteUri} returned binary content ({mediaType ?? kind}, {SizeFormat.Of(body.Bytes.Length)}); "
                                    + "web_fetch returns text only. Download it with run_shell (curl -o FILE URL) if you need it.");
        }

        var text = Decode(body.Bytes, contentType);
        var isHtml = mediaType is "text/html" or "application/xhtml+xml"
                     || (mediaType is null && text.TrimStart().StartsWith('<') && text.Contains("<html", StringComparison.OrdinalIgnoreCase));
        if (isHtml)
        {
            text = HtmlToMarkdown.Convert(text, final);
        }

        if (!response.IsSuccessStatusCode)
        {
            var excerpt = text.Length > ErrorExcerptChars ? text[..ErrorExcerptChars] + "…" : text;
            return ToolResult.Error($"HTTP {status} {response.ReasonPhrase} from {final.AbsoluteUri}.\n" + UntrustedContent.Wrap(final.AbsoluteUri, excerpt));
        }

        var totalChars = text.Length;
        var cut = totalChars > maxChars;
        if (cut)
        {
            text = Utf16Cut(text, maxChars) + $"\n[... cut at {maxChars:N0} of {totalChars:N0} chars]";
        }

        var headline = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"Fetched {final.AbsoluteUri} ({status}, {mediaType ?? "no content type"}, {SizeFormat.Of(body.Bytes.Length)}");
        if (body.Truncated)
        {
            headline.Append(CultureInfo.InvariantCulture, $", download stopped at the {SizeFormat.Of(_options.WebFetchMaxBytes)} limit");
        }

        headline.Append(')');
        if (redirects > 0)
        {
            headline.Append(CultureInfo.InvariantCulture, $" after {redirects} redirect{(redirects == 1 ? "" : "s")} from {requested.AbsoluteUri}");
        }

        headline.Append(isHtml ? "; HTML converted to Markdown." : ".");
        var data = new WebFetchData(requested.AbsoluteUri, final.AbsoluteUri, status, mediaType, body.Bytes.Length, text.Length, body.Truncated || cut, redirects);
        return ToolResult.Ok(headline + "\n" + UntrustedContent.Wrap(final.AbsoluteUri, text),
            JsonSerializer.SerializeToElement(data, ToolsJsonContext.Default.WebFetchData));
    }

    private async Task<DownloadedBody> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var cap = _options.WebFetchMaxBytes;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var collected = new MemoryStream();
            var chunk = new byte[64 * 1024];
            while (collected.Length <= cap)
            {
                var wanted = (int)Math.Min(chunk.Length, cap + 1 - collected.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                collected.Write(chunk, 0, read);
            }

            var truncated = collected.Length > cap;
            return new DownloadedBody(collected.GetBuffer()[..(int)Math.Min(collected.Length, cap)], truncated);
        }
    }

    private static string Decode(byte[] bytes, MediaTypeHeaderValue? contentType)
    {
        var encoding = Encoding.UTF8;
        if (contentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown or unsupported charset: UTF-8 is the best guess on today's web.
            }
        }

        using var reader = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static string Utf16Cut(string text, int maxChars) =>
        char.IsHighSurrogate(text[maxChars - 1]) ? text[..(maxChars - 1)] : text[..maxChars];

    private static bool IsText(string? mediaType) =>
        mediaType is null
        || mediaType.StartsWith("text/", StringComparison.Ordinal)
        || mediaType.Contains("json", StringComparison.Ordinal)
        || mediaType.Contains("xml", StringComparison.Ordinal)
        || mediaType is "application/javascript" or "application/x-yaml" or "application/yaml" or "application/toml";

    private static bool IsWebScheme(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private sealed record DownloadedBody(byte[] Bytes, bool Truncated);
}
