namespace Chitin.Core.Tools.Deferral;

/// <summary>One ranked result of <see cref="ToolSearchIndex.Search"/>; higher scores match better.</summary>
public sealed record ToolSearchHit(ITool Tool, double Score);
