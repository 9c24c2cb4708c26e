namespace Chitin.Tools.Shell;

/// <summary>Quotes a word for a POSIX shell, for commands suggested to the model.</summary>
internal static class ShellQuote
{
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '@'))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
