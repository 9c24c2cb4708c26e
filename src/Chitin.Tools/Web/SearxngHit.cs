namespace Chitin.Tools.Web;

/// <summary>One entry of a SearXNG answer's "results" array.</summary>
internal sealed record SearxngHit(string? Title, string? Url, string? Content);
