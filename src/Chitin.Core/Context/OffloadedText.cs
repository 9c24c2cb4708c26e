namespace Chitin.Core.Context;

/// <summary>What goes into the context for a piece of text, and where its full version was saved (null when kept inline).</summary>
public sealed record OffloadedText(string ContextText, string? ArtifactPath, int OriginalTokens);
