namespace Chitin.Tools.Web;

/// <summary>The part of a SearXNG JSON answer (GET /search?format=json) that web_search reads.</summary>
internal sealed record SearxngResponse(IReadOnlyList<SearxngHit>? Results);
