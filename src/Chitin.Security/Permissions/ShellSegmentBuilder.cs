namespace Chitin.Security.Permissions;

/// <summary>
/// Turns the words of one simple command into a <see cref="ShellSegment"/>: the forms a rule may match (with and
/// without leading assignments and wrappers such as <c>sudo</c> or <c>env</c>), the session key, and the commands an
/// inner <c>sh -c</c> or <c>eval</c> would run, which are lexed as segments of their own.
/// </summary>
internal sealed class ShellSegmentBuilder(List<string> words, List<string> values, ShellCommandParser.Sink sink, int depth)
{
    private static readonly HashSet<string> Wrappers =
        ["sudo", "doas", "env", "command", "builtin", "exec", "nohup", "time", "nice", "xargs"];

    private static readonly HashSet<string> Shells = ["sh", "bash", "zsh", "dash", "ksh", "ash"];

    public void Add(int first, bool writes)
    {
        var command = first;
        while (command < words.Count && IsAssignment(words[command]))
        {
            command++;
        }

        var text = string.Join(' ', words.Skip(first));
        var forms = new List<string>(4) { text };
        AddForm(forms, string.Join(' ', words.Skip(command)));
        AddForm(forms, string.Join(' ', values.Skip(command)));
        var unwrapped = SkipWrappers(command);
        AddForm(forms, string.Join(' ', values.Skip(unwrapped)));
        sink.Segments.Add(new ShellSegment(text, forms, SessionKeyOf(command), writes));

        if (unwrapped < values.Count)
        {
            LexInnerShell(unwrapped);
        }
    }

    private static void AddForm(List<string> forms, string form)
    {
        if (form.Length > 0 && !forms.Contains(form))
        {
            forms.Add(form);
        }
    }

    private int SkipWrappers(int index)
    {
        while (index < values.Count && Wrappers.Contains(values[index]))
        {
            index++;
            while (index < values.Count && (values[index].StartsWith('-') || IsAssignment(values[index])))
            {
                index++;
            }
        }

        return index;
    }

    private void LexInnerShell(int index)
    {
        var program = Path.GetFileName(values[index]);
        if (program == "eval" && index + 1 < values.Count)
        {
            ShellCommandParser.Lex(string.Join(' ', values.Skip(index + 1)), sink, depth + 1);
            return;
        }

        if (!Shells.Contains(program))
        {
            return;
        }

        for (var j = index + 1; j < values.Count - 1; j++)
        {
            var option = values[j];
            if (option.Length > 1 && option[0] == '-' && option[1] != '-' && option.Contains('c', StringComparison.Ordinal))
            {
                ShellCommandParser.Lex(values[j + 1], sink, depth + 1);
                return;
            }
        }
    }

    private string SessionKeyOf(int command)
    {
        if (command >= values.Count)
        {
            return words.Count > 0 ? words[0] : "";
        }

        var key = values[command];
        if (command + 1 < values.Count && LooksLikeSubcommand(values[command + 1]))
        {
            key += " " + values[command + 1];
        }

        return key;
    }

    private static bool LooksLikeSubcommand(string word) =>
        word.Length > 0 && char.IsAsciiLetter(word[0]) && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !(char.IsAsciiLetter(word[0]) || word[0] == '_'))
        {
            return false;
        }

        var name = word.AsSpan(0, word[equals - 1] == '+' ? equals - 1 : equals);
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}
