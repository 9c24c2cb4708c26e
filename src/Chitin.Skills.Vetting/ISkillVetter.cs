namespace Chitin.Skills.Vetting;

/// <summary>
/// Vets a skill folder with local static rules over every file. Implementations cache verdicts by content hash, so
/// an unchanged skill is not scanned twice and a changed one always is.
/// </summary>
public interface ISkillVetter
{
    /// <param name="skillDirectory">The folder that holds SKILL.md.</param>
    /// <param name="knownSkillNames">Names of well-known and installed skills, for the look-alike name rule.</param>
    ValueTask<VetReport> VetAsync(string skillDirectory, IReadOnlyCollection<string> knownSkillNames, CancellationToken cancellationToken);
}
