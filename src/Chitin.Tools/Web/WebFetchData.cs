namespace Chitin.Tools.Web;

/// <summary>Structured result of web_fetch. <c>Bytes</c> were downloaded; <c>Chars</c> of text were returned.</summary>
public sealed record WebFetchData(string Url, string FinalUrl, int Status, string? ContentType, long Bytes, int Chars, bool Truncated, int Redirects);
