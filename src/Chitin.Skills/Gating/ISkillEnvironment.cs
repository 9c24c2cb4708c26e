namespace Chitin.Skills.Gating;

/// <summary>What gating looks at: environment variables, executables on PATH and the operating system.</summary>
public interface ISkillEnvironment
{
    /// <summary>The operating system as gating names it: "linux", "macos", "windows" or "other".</summary>
    string OperatingSystem { get; }

    /// <summary>The variable's value, or null when it is not set.</summary>
    string? GetVariable(string name);

    /// <summary>The full path of an executable found on PATH, or null.</summary>
    string? FindExecutable(string name);
}
