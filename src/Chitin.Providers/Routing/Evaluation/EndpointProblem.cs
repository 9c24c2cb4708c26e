namespace Chitin.Providers.Routing.Evaluation;

/// <summary>A problem detected with an endpoint (<c>cache-liar</c>, <c>token-inflater</c>, …) and the figures behind it.</summary>
public sealed record EndpointProblem(ProblemFlag Flag, string Evidence);
