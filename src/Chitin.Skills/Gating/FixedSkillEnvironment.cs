namespace Chitin.Skills.Gating;

/// <summary>
/// A given set of variables and operating system; executables are still looked up for real, in the directories of
/// its own PATH variable. For tests and for judging a skill against another machine's environment.
/// </summary>
public sealed class FixedSkillEnvironment(IReadOnlyDictionary<string, string> variables, string operatingSystem) : ISkillEnvironment
{
    private readonly Dictionary<string, string> _variables = new(variables ?? throw new ArgumentNullException(nameof(variables)), StringComparer.Ordinal);

    public string OperatingSystem { get; } = SkillOperatingSystems.Normalize(operatingSystem) ?? "other";

    public string? GetVariable(string name) => _variables.GetValueOrDefault(name);

    public string? FindExecutable(string name) =>
        ExecutableSearch.Find(name, GetVariable("PATH"), GetVariable("PATHEXT"), OperatingSystem == SkillOperatingSystems.Windows);
}
