namespace Chitin.Security.Permissions;

/// <summary>The lexer's readers for quoted strings, <c>$</c> expansions, backticks and balanced brackets.</summary>
internal static partial class ShellCommandParser
{
    private sealed partial class Lexer
    {
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
    }
}
