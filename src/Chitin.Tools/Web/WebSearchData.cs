namespace Chitin.Tools.Web;

/// <summary>Structured result of web_search.</summary>
public sealed record WebSearchData(string Query, string Provider, IReadOnlyList<WebSearchResult> Results);
