namespace Chitin.Skills.Vetting.Tests;

/// <summary>One corpus skill: its name, "malicious" or "benign", the technique it shows, the report it is modelled on, and its folder.</summary>
internal sealed record CorpusSkill(string Name, string Kind, string Technique, string Reference, string Directory);
