namespace Chitin.Tools.Search;

/// <summary>
/// Compiles grep's pattern with the linear-time NonBacktracking engine when the pattern allows it (no
/// backreferences or lookarounds), so patterns like (a+)+ cannot explode; other patterns run under a match timeout.
/// </summary>
internal static class SearchRegex
{
    public static bool TryCreate(string pattern, bool ignoreCase, TimeSpan timeout, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        error = null;
        try
        {
            regex = new Regex(pattern, options | RegexOptions.NonBacktracking, timeout);
            return true;
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds, atomic groups: only the backtracking engine has them.
        }
        catch (ArgumentException ex)
        {
            regex = null;
            error = $"Invalid regular expression '{pattern}': {ex.Message} (.NET syntax; escape literal characters such as ( [ . * with \\).";
            return false;
        }

        try
        {
            regex = new Regex(pattern, options, timeout);
            return true;
        }
        catch (ArgumentException ex)
        {
            regex = null;
            error = $"Invalid regular expression '{pattern}': {ex.Message}";
            return false;
        }
    }
}
