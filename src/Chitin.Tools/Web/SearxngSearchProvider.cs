namespace Chitin.Tools.Web;

/// <summary>
/// Web search through a SearXNG-compatible endpoint: GET {baseUrl}/search?q=…&amp;format=json answering
/// {"results":[{"title","url","content"}]}. The instance must have the json format enabled.
/// </summary>
public sealed class SearxngSearchProvider : IWebSearchProvider, IDisposable
{
    private readonly Uri _baseUrl;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    public SearxngSearchProvider(Uri baseUrl, HttpClient? client = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The search endpoint must be an absolute http(s) URL, got '{baseUrl}'.", nameof(baseUrl));
        }

        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(20) };
    }

    public string Name => "searxng";

    public async Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        var url = new Uri(_baseUrl, "search?q=" + Uri.EscapeDataString(query) + "&format=json");
        SearxngResponse? answer;
        try
        {
            using var response = await _client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new WebSearchException($"The search endpoint {_baseUrl} refused JSON output (HTTP 403); enable the json format (search.formats) in its settings.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new WebSearchException($"The search endpoint {_baseUrl} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            answer = await response.Content.ReadFromJsonAsync(SearxngJsonContext.Default.SearxngResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new WebSearchException($"Could not reach the search endpoint {_baseUrl}: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new WebSearchException($"The search endpoint {_baseUrl} did not answer with SearXNG JSON: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSearchException($"The search endpoint {_baseUrl} did not answer in time.", ex);
        }

        return (answer?.Results ?? [])
            .Where(hit => Uri.TryCreate(hit.Url, UriKind.Absolute, out _))
            .Take(maxResults)
            .Select(hit => new WebSearchResult(string.IsNullOrWhiteSpace(hit.Title) ? hit.Url! : hit.Title.Trim(), hit.Url!, hit.Content?.Trim() ?? ""))
            .ToArray();
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
