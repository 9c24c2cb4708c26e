namespace Chitin.Providers.Routing.Probes;

/// <summary>
/// One conformance check: a prompt and options, an absolute check of the answer (null when it passes, else why
/// not), and the key two endpoints' greedy answers must agree on when one is judged against a reference.
/// </summary>
internal sealed record ConformanceCase(string Name, string Prompt, Func<ChatOptions> Options, Func<ProbeAnswer, string?> Check, Func<ProbeAnswer, string> Key);
