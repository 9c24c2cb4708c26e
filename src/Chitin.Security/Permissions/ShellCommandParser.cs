using System.Text;

namespace Chitin.Security.Permissions;

/// <summary>
/// Splits a bash command line into the simple commands it would run, so a rule such as
/// <c>run_shell(git status*)</c> cannot be stretched over <c>git status; rm -rf ~</c>. It is a lexer, not an
/// interpreter: it follows quoting, escapes, <c>&amp;&amp; || ; | &amp;</c>, newlines, subshells, <c>$(...)</c>,
/// backticks, <c>&lt;(...)</c>, here-documents, redirections, <c>sh -c</c> and <c>eval</c>. Anything it cannot
/// follow marks the result incomplete, which makes allow rules refuse to cover it.
/// </summary>
internal static class ShellCommandParser
{
    private const int MaxDepth = 4;

    public static ParsedShellCommand Parse(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var sink = new Sink();
        Lex(command, sink, depth: 0);
        return new ParsedShellCommand(NormalizeWhitespace(command), sink.Segments, sink.Complete);
    }

    internal static void Lex(string text, Sink sink, int depth)
    {
        _ = new Lexer(text, 0, sink, depth, untilParen: false).Run();
    }

    internal static string NormalizeWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    internal sealed class Sink
    {
        public List<ShellSegment> Segments { get; } = [];

        public bool Complete { get; set; } = true;
    }

    private enum Redirect
    {
        None,
        Output,
        Duplicate,
        Input,
        HereDoc,
        HereDocStripTabs,
    }

    private sealed record PendingHereDoc(string Delimiter, bool Quoted, bool StripTabs);

    private sealed class Lexer(string s, int start, Sink sink, int depth, bool untilParen)
    {
        private static readonly HashSet<string> LeadingReservedWords =
            ["!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "time", "esac"];

        private static readonly HashSet<string> Wrappers =
            ["sudo", "doas", "env", "command", "builtin", "exec", "nohup", "time", "nice", "xargs"];

        private static readonly HashSet<string> Shells = ["sh", "bash", "zsh", "dash", "ksh", "ash"];

        private static readonly HashSet<string> HarmlessTargets = ["/dev/null", "/dev/stdout", "/dev/stderr", "-"];

        private readonly List<string> _words = [];
        private readonly List<string> _values = [];
        private readonly StringBuilder _raw = new();
        private readonly StringBuilder _value = new();
        private readonly List<PendingHereDoc> _hereDocs = [];
        private int _i = start;
        private bool _inWord;
        private bool _wordQuoted;
        private bool _writes;
        private int _parenDepth;
        private Redirect _redirect;

        public int Run()
        {
            if (depth > MaxDepth)
            {
                sink.Complete = false;
                return s.Length;
            }

            while (_i < s.Length)
            {
                var c = s[_i];
                switch (c)
                {
                    case ' ' or '\t' or '\r':
                        EndWord();
                        _i++;
                        break;
                    case '\n':
                        EndWord();
                        EndCommand();
                        _i++;
                        ReadHereDocBodies();
                        break;
                    case ';':
                        EndWord();
                        EndCommand();
                        _i++;
                        while (_i < s.Length && s[_i] is ';' or '&')
                        {
                            _i++;
                        }

                        break;
                    case '&':
                        if (Peek(1) == '>')
                        {
                            EndWordBeforeRedirect();
                            _i += Peek(2) == '>' ? 3 : 2;
                            _redirect = Redirect.Output;
                            break;
                        }

                        EndWord();
                        EndCommand();
                        _i += Peek(1) == '&' ? 2 : 1;
                        break;
                    case '|':
                        EndWord();
                        EndCommand();
                        _i += Peek(1) is '|' or '&' ? 2 : 1;
                        break;
                    case '(':
                        OpenParen();
                        break;
                    case ')':
                        EndWord();
                        EndCommand();
                        _i++;
                        if (_parenDepth > 0)
                        {
                            _parenDepth--;
                        }
                        else if (untilParen)
                        {
                            return _i;
                        }
                        else
                        {
                            sink.Complete = false;
                        }

                        break;
                    case '<' or '>':
                        if (Peek(1) == '(')
                        {
                            ReadNested(2);
                        }
                        else
                        {
                            ReadRedirectOperator(c);
                        }

                        break;
                    case '#' when !_inWord:
                        while (_i < s.Length && s[_i] != '\n')
                        {
                            _i++;
                        }

                        break;
                    default:
                        ReadWordPart();
                        break;
                }
            }

            EndWord();
            EndCommand();
            if (untilParen || _parenDepth > 0)
            {
                sink.Complete = false;
            }

            return _i;
        }

        private char Peek(int offset) => _i + offset < s.Length ? s[_i + offset] : '\0';

        private void OpenParen()
        {
            if (_inWord && _raw.Length > 0 && _raw[^1] == '=')
            {
                // Array assignment a=(x y): keep it as one word.
                var end = SkipBalanced(_i, '(', ')');
                AppendRaw(_i, end);
                _i = end;
                return;
            }

            EndWord();
            EndCommand();
            _parenDepth++;
            _i++;
        }

        private void ReadWordPart()
        {
            _inWord = true;
            var c = s[_i];
            switch (c)
            {
                case '\\':
                    if (Peek(1) == '\n')
                    {
                        _i += 2;
                        return;
                    }

                    _wordQuoted = true;
                    _raw.Append(c);
                    if (_i + 1 < s.Length)
                    {
                        _raw.Append(s[_i + 1]);
                        _value.Append(s[_i + 1]);
                    }

                    _i += 2;
                    return;
                case '\'':
                    ReadSingleQuoted(_i, _i + 1, ansiC: false);
                    return;
                case '"':
                    ReadDoubleQuoted();
                    return;
                case '`':
                    ReadBackticks();
                    return;
                case '$':
                    ReadDollar(inDoubleQuotes: false);
                    return;
                default:
                    _raw.Append(c);
                    _value.Append(c);
                    _i++;
                    return;
            }
        }

        private void ReadSingleQuoted(int rawStart, int contentStart, bool ansiC)
        {
            _wordQuoted = true;
            var j = contentStart;
            while (j < s.Length && s[j] != '\'')
            {
                j += ansiC && s[j] == '\\' ? 2 : 1;
            }

            if (j >= s.Length)
            {
                sink.Complete = false;
                j = s.Length;
            }

            _value.Append(s, contentStart, Math.Min(j, s.Length) - contentStart);
            var end = Math.Min(j + 1, s.Length);
            AppendRaw(rawStart, end);
            _i = end;
        }

        private void ReadDoubleQuoted()
        {
            _wordQuoted = true;
            var open = _i;
            var rawMark = _raw.Length;
            _i++;
            while (_i < s.Length && s[_i] != '"')
            {
                var c = s[_i];
                if (c == '\\' && _i + 1 < s.Length)
                {
                    if (s[_i + 1] is not ('$' or '`' or '"' or '\\'))
                    {
                        _value.Append(c);
                    }

                    _value.Append(s[_i + 1]);
                    _i += 2;
                }
                else if (c == '$')
                {
                    ReadDollar(inDoubleQuotes: true);
                }
                else if (c == '`')
                {
                    ReadBackticks();
                }
                else
                {
                    _value.Append(c);
                    _i++;
                }
            }

            if (_i >= s.Length)
            {
                sink.Complete = false;
            }
            else
            {
                _i++;
            }

            // The raw form is the quoted text exactly as written.
            _raw.Length = rawMark;
            _raw.Append(s, open, _i - open);
        }

        private void ReadDollar(bool inDoubleQuotes)
        {
            var next = Peek(1);
            if (next == '(' && Peek(2) == '(')
            {
                var end = SkipBalanced(_i + 1, '(', ')');
                var inner = s[(_i + 3)..Math.Max(_i + 3, end - 2)];
                ScanExpansions(inner);
                Append(_i, end);
                _i = end;
            }
            else if (next == '(')
            {
                ReadNested(2);
            }
            else if (next == '{')
            {
                var end = SkipBalanced(_i + 1, '{', '}');
                ScanExpansions(s[(_i + 2)..Math.Max(_i + 2, end - 1)]);
                Append(_i, end);
                _i = end;
            }
            else if (next == '\'' && !inDoubleQuotes)
            {
                ReadSingleQuoted(_i, _i + 2, ansiC: true);
            }
            else
            {
                _raw.Append('$');
                _value.Append('$');
                _i++;
            }
        }

        /// <summary>Reads <c>$( ... )</c>, <c>&lt;( ... )</c> or <c>&gt;( ... )</c>: the inner commands are lexed as commands of their own.</summary>
        private void ReadNested(int openerLength)
        {
            _inWord = true;
            var open = _i;
            var end = new Lexer(s, _i + openerLength, sink, depth + 1, untilParen: true).Run();
            Append(open, end);
            _i = end;
        }

        private void ReadBackticks()
        {
            _inWord = true;
            var open = _i;
            var body = new StringBuilder();
            var j = _i + 1;
            while (j < s.Length && s[j] != '`')
            {
                if (s[j] == '\\' && j + 1 < s.Length && s[j + 1] is '`' or '\\' or '$')
                {
                    j++;
                }

                body.Append(s[j]);
                j++;
            }

            if (j >= s.Length)
            {
                sink.Complete = false;
            }

            Lex(body.ToString(), sink, depth + 1);
            var end = Math.Min(j + 1, s.Length);
            Append(open, end);
            _i = end;
        }

        /// <summary>Finds command substitutions in text that bash expands but does not split into commands (here-document bodies, ${...}, $((...))).</summary>
        private void ScanExpansions(string text)
        {
            var j = 0;
            while (j < text.Length)
            {
                var c = text[j];
                if (c == '\\')
                {
                    j += 2;
                }
                else if (c == '$' && j + 1 < text.Length && text[j + 1] == '(')
                {
                    j = new Lexer(text, j + 2, sink, depth + 1, untilParen: true).Run();
                }
                else if (c == '`')
                {
                    var close = text.IndexOf('`', j + 1);
                    if (close < 0)
                    {
                        sink.Complete = false;
                        close = text.Length;
                    }

                    Lex(text[(j + 1)..close], sink, depth + 1);
                    j = close + 1;
                }
                else
                {
                    j++;
                }
            }
        }

        private int SkipBalanced(int openIndex, char open, char close)
        {
            var level = 0;
            for (var j = openIndex; j < s.Length; j++)
            {
                var c = s[j];
                if (c == '\\')
                {
                    j++;
                }
                else if (c == open)
                {
                    level++;
                }
                else if (c == close && --level == 0)
                {
                    return j + 1;
                }
            }

            sink.Complete = false;
            return s.Length;
        }

        private void Append(int from, int to)
        {
            _raw.Append(s, from, to - from);
            _value.Append(s, from, to - from);
        }

        private void AppendRaw(int from, int to) => _raw.Append(s, from, to - from);

        private void ReadRedirectOperator(char c)
        {
            EndWordBeforeRedirect();
            _i++;
            if (c == '>')
            {
                _redirect = Redirect.Output;
                if (Peek(0) is '>' or '|')
                {
                    _i++;
                }
                else if (Peek(0) == '&')
                {
                    _i++;
                    _redirect = Redirect.Duplicate;
                }

                return;
            }

            _redirect = Redirect.Input;
            if (Peek(0) == '<')
            {
                _i++;
                if (Peek(0) == '<')
                {
                    _i++;
                }
                else if (Peek(0) == '-')
                {
                    _i++;
                    _redirect = Redirect.HereDocStripTabs;
                }
                else
                {
                    _redirect = Redirect.HereDoc;
                }
            }
            else if (Peek(0) == '&')
            {
                _i++;
            }
            else if (Peek(0) == '>')
            {
                _i++;
                _redirect = Redirect.Output;
            }
        }

        /// <summary>A word made only of digits right before a redirection is its file descriptor (2&gt;), not an argument.</summary>
        private void EndWordBeforeRedirect()
        {
            if (_inWord && !_wordQuoted && _raw.Length > 0 && _raw.ToString().All(char.IsAsciiDigit))
            {
                ResetWord();
                return;
            }

            EndWord();
        }

        private void EndWord()
        {
            if (!_inWord)
            {
                return;
            }

            var raw = _raw.ToString();
            var value = _value.ToString();
            var quoted = _wordQuoted;
            ResetWord();
            if (_redirect == Redirect.None)
            {
                _words.Add(raw);
                _values.Add(value);
                return;
            }

            switch (_redirect)
            {
                case Redirect.Output:
                    _writes |= !HarmlessTargets.Contains(value);
                    break;
                case Redirect.Duplicate:
                    _writes |= !(value.All(char.IsAsciiDigit) || HarmlessTargets.Contains(value));
                    break;
                case Redirect.HereDoc or Redirect.HereDocStripTabs:
                    _hereDocs.Add(new PendingHereDoc(value, quoted, _redirect == Redirect.HereDocStripTabs));
                    break;
            }

            _redirect = Redirect.None;
        }

        private void ResetWord()
        {
            _raw.Clear();
            _value.Clear();
            _inWord = false;
            _wordQuoted = false;
        }

        private void ReadHereDocBodies()
        {
            foreach (var hereDoc in _hereDocs)
            {
                var body = new StringBuilder();
                while (_i < s.Length)
                {
                    var lineEnd = s.IndexOf('\n', _i);
                    var end = lineEnd < 0 ? s.Length : lineEnd;
                    var line = s.AsSpan(_i, end - _i);
                    _i = lineEnd < 0 ? s.Length : lineEnd + 1;
                    if ((hereDoc.StripTabs ? line.TrimStart('\t') : line).SequenceEqual(hereDoc.Delimiter))
                    {
                        break;
                    }

                    body.Append(line).Append('\n');
                }

                if (!hereDoc.Quoted)
                {
                    ScanExpansions(body.ToString());
                }
            }

            _hereDocs.Clear();
        }

        private void EndCommand()
        {
            if (_redirect != Redirect.None)
            {
                sink.Complete = false;
                _redirect = Redirect.None;
            }

            var first = 0;
            while (first < _words.Count && LeadingReservedWords.Contains(_words[first]))
            {
                first++;
            }

            if (first < _words.Count)
            {
                AddSegment(first);
            }

            _words.Clear();
            _values.Clear();
            _writes = false;
        }

        private void AddSegment(int first)
        {
            var command = first;
            while (command < _words.Count && IsAssignment(_words[command]))
            {
                command++;
            }

            var text = string.Join(' ', _words.Skip(first));
            var forms = new List<string>(4) { text };
            AddForm(forms, string.Join(' ', _words.Skip(command)));
            AddForm(forms, string.Join(' ', _values.Skip(command)));
            var unwrapped = SkipWrappers(command);
            AddForm(forms, string.Join(' ', _values.Skip(unwrapped)));
            sink.Segments.Add(new ShellSegment(text, forms, SessionKeyOf(command), _writes));

            if (unwrapped < _values.Count)
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
            while (index < _values.Count && Wrappers.Contains(_values[index]))
            {
                index++;
                while (index < _values.Count && (_values[index].StartsWith('-') || IsAssignment(_values[index])))
                {
                    index++;
                }
            }

            return index;
        }

        private void LexInnerShell(int index)
        {
            var program = Path.GetFileName(_values[index]);
            if (program == "eval" && index + 1 < _values.Count)
            {
                Lex(string.Join(' ', _values.Skip(index + 1)), sink, depth + 1);
                return;
            }

            if (!Shells.Contains(program))
            {
                return;
            }

            for (var j = index + 1; j < _values.Count - 1; j++)
            {
                var option = _values[j];
                if (option.Length > 1 && option[0] == '-' && option[1] != '-' && option.Contains('c', StringComparison.Ordinal))
                {
                    Lex(_values[j + 1], sink, depth + 1);
                    return;
                }
            }
        }

        private string SessionKeyOf(int command)
        {
            if (command >= _values.Count)
            {
                return _words.Count > 0 ? _words[0] : "";
            }

            var key = _values[command];
            if (command + 1 < _values.Count && LooksLikeSubcommand(_values[command + 1]))
            {
                key += " " + _values[command + 1];
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
}
