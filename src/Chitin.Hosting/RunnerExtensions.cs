using Chitin.Core.Checkpoints;

namespace Chitin.Hosting;

/// <summary>What memory, skills and checkpoints add to every runner: prompt layers, capture hooks, turn checkpoints; null parts are switched off.</summary>
public sealed record RunnerExtensions(MemoryServices? Memory, SkillServices? Skills, Action<string> Warn, ITurnCheckpoints? Checkpoints = null);
