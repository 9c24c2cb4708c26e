namespace Chitin.Tools.Web;

/// <summary>A web search backend for web_search.</summary>
public interface IWebSearchProvider
{
    /// <summary>Short name for messages, e.g. "searxng".</summary>
    string Name { get; }

    /// <exception cref="WebSearchException">The backend failed or answered with something unreadable.</exception>
    Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken);
}
