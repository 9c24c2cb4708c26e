namespace Chitin.Mcp.Configuration;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in configuration values, so secrets live in the environment and
/// not in a config file that may be committed.
/// </summary>
internal static partial class EnvironmentExpander
{
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    /// <summary>Expands <paramref name="value"/>; names of unset variables without a default are added to <paramref name="missing"/>.</summary>
    public static string Expand(string value, IReadOnlyDictionary<string, string> environment, ICollection<string> missing) =>
        Reference().Replace(value, match =>
        {
            var name = match.Groups["name"].Value;
            if (environment.TryGetValue(name, out var found))
            {
                return found;
            }

            var fallback = match.Groups["default"];
            if (fallback.Success)
            {
                return fallback.Value;
            }

            missing.Add(name);
            return match.Value;
        });

    /// <summary>A snapshot of this process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string text)
            {
                snapshot[key] = text;
            }
        }

        return snapshot;
    }
}
