namespace Chitin.Hosting;

/// <summary>What memory, skills and checkpoints add to every runner: prompt layers, capture and distillation, turn checkpoints; null parts are switched off.</summary>
/// <param name="Warn">Receives warnings (a failed capture or draft).</param>
/// <param name="Checkpoints">Records the workspace before and after each turn that may write; none when switched off.</param>
public sealed record RunnerExtensions(MemoryServices? Memory, SkillServices? Skills, Action<string> Warn, ITurnCheckpoints? Checkpoints = null)
{
    /// <summary>Receives notices for the person at the front end (a drafted skill).</summary>
    public Action<string> Inform { get; init; } = static _ => { };
}
