namespace Chitin.Skills.Gating;

/// <summary>The environment of this process.</summary>
public sealed class ProcessSkillEnvironment : ISkillEnvironment
{
    public static ProcessSkillEnvironment Instance { get; } = new();

    public string OperatingSystem => SkillOperatingSystems.Current;

    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);

    public string? FindExecutable(string name) =>
        ExecutableSearch.Find(name, GetVariable("PATH"), GetVariable("PATHEXT"), System.OperatingSystem.IsWindows());
}
