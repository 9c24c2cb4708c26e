namespace Chitin.Security.Permissions;

/// <summary>
/// Splits a bash command line into the simple commands it would run, so a rule such as
/// <c>run_shell(git status*)</c> cannot be stretched over <c>git status; rm -rf ~</c>. It is a lexer, not an
/// interpreter: it follows quoting, escapes, <c>&amp;&amp; || ; | &amp;</c>, newlines, subshells, <c>$(...)</c>,
/// backticks, <c>&lt;(...)</c>, here-documents, redirections, <c>sh -c</c> and <c>eval</c>. Anything it cannot
/// follow marks the result incomplete, which makes allow rules refuse to cover it.
/// </summary>
internal static partial class ShellCommandParser
{
    private const int MaxDepth = 4;

    public static ParsedShellCommand Parse(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var sink = new Sink();
        Lex(command, sink, depth: 0);
        return new ParsedShellCommand(PlainText.Collapse(command), sink.Segments, sink.Complete);
    }

    internal static void Lex(string text, Sink sink, int depth)
    {
        _ = new Lexer(text, 0, sink, depth, untilParen: false).Run();
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

    private sealed partial class Lexer(string s, int start, Sink sink, int depth, bool untilParen)
    {
        private static readonly HashSet<string> LeadingReservedWords =
            ["!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "time", "esac"];

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
                new ShellSegmentBuilder(_words, _values, sink, depth).Add(first, _writes);
            }

            _words.Clear();
            _values.Clear();
            _writes = false;
        }
    }
}
