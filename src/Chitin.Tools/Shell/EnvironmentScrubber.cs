using System.IO.Enumeration;

namespace Chitin.Tools.Shell;

/// <summary>
/// Removes secret-looking variables from a child process environment, so a model cannot read API keys with `env`.
/// PATH, HOME, LANG and the like never match.
/// </summary>
internal static class EnvironmentScrubber
{
    private static readonly string[] SecretPatterns = ["*_API_KEY", "*_KEY", "*_TOKEN", "*_SECRET", "*PASSWORD*"];

    /// <summary>Removes every matching variable; returns the names removed, sorted.</summary>
    public static IReadOnlyList<string> Scrub(IDictionary<string, string?> environment, IReadOnlyList<string> extraPatterns)
    {
        var secret = environment.Keys.Where(name => IsSecret(name, extraPatterns)).Order(StringComparer.Ordinal).ToArray();
        foreach (var name in secret)
        {
            environment.Remove(name);
        }

        return secret;
    }

    public static bool IsSecret(string name, IReadOnlyList<string> extraPatterns) =>
        SecretPatterns.Concat(extraPatterns).Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: true));
}
