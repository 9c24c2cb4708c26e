namespace Chitin.Core.Context;

/// <summary>One assembled layer of the system prompt.</summary>
public sealed record PromptLayer(string Name, int Order, string Text);
