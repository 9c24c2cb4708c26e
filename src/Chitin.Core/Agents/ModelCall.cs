namespace Chitin.Core.Agents;

/// <summary>One model call of a run: the response, the time to its first token and its latency.</summary>
internal sealed record ModelCall(ChatResponse Response, double? FirstTokenMs, double LatencyMs);
