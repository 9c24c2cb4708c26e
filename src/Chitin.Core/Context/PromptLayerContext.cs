namespace Chitin.Core.Context;

/// <summary>What a prompt layer may depend on.</summary>
public sealed record PromptLayerContext(string Agent, string Workspace);
