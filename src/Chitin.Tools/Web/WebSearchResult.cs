namespace Chitin.Tools.Web;

/// <summary>One hit of a web search.</summary>
public sealed record WebSearchResult(string Title, string Url, string Snippet);
