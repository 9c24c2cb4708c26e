namespace Chitin.Core.Processes;

/// <summary>
/// The environment every child process Chitin starts (MCP stdio servers, hooks, shell commands) begins with:
/// only <see cref="BaseVariables"/> of Chitin's own environment, then the variables its configuration passes
/// through by name, then the values it sets. Nothing else is inherited, so provider keys and tokens in Chitin's
/// environment stay out of programs a repository or a model chose.
/// </summary>
/// <remarks>
/// Besides PATH, HOME, LANG and TERM: LC_* (locale, which decides how programs decode and print text; never a
/// secret) and TMPDIR (where temporary files go; wrong or missing, tools write to a shared /tmp or fail). USER,
/// SHELL, SSH_AUTH_SOCK, DISPLAY and the like are left out: a program that needs one gets it by name.
/// </remarks>
public static class ChildEnvironment
{
    public static IReadOnlyList<string> BaseVariables { get; } = ["PATH", "HOME", "LANG", "TERM", "TMPDIR", "LC_*"];

    /// <summary>Chitin's own environment, as a child would otherwise inherit it.</summary>
    public static IReadOnlyDictionary<string, string> CurrentProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    /// <summary>Builds a child's environment.</summary>
    /// <param name="parent">The environment to take variables from; this process's when null.</param>
    /// <param name="passThrough">
    /// Names copied from <paramref name="parent"/> when set there. An exact name passes even when it looks secret
    /// (naming it is the consent); a '*' pattern such as "NODE_*" never passes a secret-looking variable.
    /// </param>
    /// <param name="set">Values set last; a null value removes the variable.</param>
    public static Dictionary<string, string> Build(
        IReadOnlyDictionary<string, string>? parent = null,
        IEnumerable<string>? passThrough = null,
        IEnumerable<KeyValuePair<string, string?>>? set = null)
    {
        parent ??= CurrentProcess();
        var names = passThrough?.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToArray() ?? [];
        var child = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parent)
        {
            if (Matches(BaseVariables, name, allowSecret: false) || Matches(names, name, allowSecret: true))
            {
                child[name] = value;
            }
        }

        foreach (var (name, value) in set ?? [])
        {
            if (value is null)
            {
                child.Remove(name);
            }
            else
            {
                child[name] = value;
            }
        }

        return child;
    }

    /// <summary>Replaces a start-info environment (which starts as a copy of this process's) with <paramref name="environment"/>.</summary>
    public static void ApplyTo(IDictionary<string, string?> target, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(environment);
        target.Clear();
        foreach (var (name, value) in environment)
        {
            target[name] = value;
        }
    }

    private static bool Matches(IReadOnlyList<string> patterns, string name, bool allowSecret)
    {
        foreach (var pattern in patterns)
        {
            if (!pattern.Contains('*', StringComparison.Ordinal))
            {
                if (string.Equals(pattern, name, StringComparison.Ordinal))
                {
                    return allowSecret || !SecretVariables.LooksSecret(name);
                }
            }
            else if (FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false) && !SecretVariables.LooksSecret(name))
            {
                return true;
            }
        }

        return false;
    }
}
