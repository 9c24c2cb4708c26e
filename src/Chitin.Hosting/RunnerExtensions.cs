namespace Chitin.Hosting;

/// <summary>What memory and skills add to every runner: prompt layers, capture hooks; null parts are switched off.</summary>
public sealed record RunnerExtensions(MemoryServices? Memory, SkillServices? Skills, Action<string> Warn);
