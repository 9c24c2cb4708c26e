namespace Chitin.Skills.Gating;

/// <summary>Checks a skill's declared requirements against an environment.</summary>
public static class SkillGate
{
    /// <returns>Null when every requirement is met; otherwise why not, e.g. "needs binary 'jq' on PATH".</returns>
    public static string? Check(SkillRequirements requirements, ISkillEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(environment);
        var unmet = new List<string>();

        if (requirements.OperatingSystems.Count > 0)
        {
            var wanted = requirements.OperatingSystems.Select(os => SkillOperatingSystems.Normalize(os) ?? os).ToArray();
            if (!wanted.Contains(environment.OperatingSystem, StringComparer.Ordinal))
            {
                unmet.Add($"needs os {string.Join(" or ", wanted)} (this is {environment.OperatingSystem})");
            }
        }

        foreach (var binary in requirements.Binaries)
        {
            if (environment.FindExecutable(binary) is null)
            {
                unmet.Add($"needs binary '{binary}' on PATH");
            }
        }

        if (requirements.AnyBinaries.Count > 0 && requirements.AnyBinaries.All(b => environment.FindExecutable(b) is null))
        {
            unmet.Add($"needs one of {string.Join(", ", requirements.AnyBinaries.Select(b => $"'{b}'"))} on PATH");
        }

        foreach (var variable in requirements.EnvironmentVariables)
        {
            if (string.IsNullOrEmpty(environment.GetVariable(variable)))
            {
                unmet.Add($"needs environment variable '{variable}'");
            }
        }

        return unmet.Count == 0 ? null : string.Join("; ", unmet);
    }
}
