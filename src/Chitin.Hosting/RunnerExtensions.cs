namespace Chitin.Hosting;

/// <summary>What memory and skills add to every runner: prompt layers, capture and distillation; null parts are switched off.</summary>
/// <param name="Warn">Receives warnings (a failed capture or draft).</param>
/// <param name="Inform">Receives notices for the person at the front end (a drafted skill).</param>
public sealed record RunnerExtensions(MemoryServices? Memory, SkillServices? Skills, Action<string> Warn)
{
    public Action<string> Inform { get; init; } = static _ => { };
}
