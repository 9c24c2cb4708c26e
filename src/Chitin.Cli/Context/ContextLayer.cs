namespace Chitin.Cli.Context;

/// <summary>One part of what the next model call sends.</summary>
/// <param name="Items">Messages, tools or prompts in the layer.</param>
/// <param name="Detail">What the layer is, e.g. "frozen when the session started" or "2 pruned tool results as stubs".</param>
public sealed record ContextLayer(string Name, int Items, int Tokens, string Detail);
