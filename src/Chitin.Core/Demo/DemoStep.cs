namespace Chitin.Core.Demo;

/// <summary>One tool step of the demo: the tool, what the model says before calling it, and the arguments.</summary>
public sealed record DemoStep(string Tool, string Intro, string ArgumentsJson);
