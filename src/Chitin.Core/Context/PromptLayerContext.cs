namespace Chitin.Core.Context;

/// <summary>What a prompt layer may depend on.</summary>
/// <param name="Agent">The agent the prompt is for.</param>
/// <param name="Workspace">The workspace the session works in.</param>
public sealed record PromptLayerContext(string Agent, string Workspace)
{
    /// <summary>The session's first user message, when the prompt is built for a new session; layers may pick content relevant to it.</summary>
    public string? FirstMessage { get; init; }
}
