namespace Chitin.Memory.Knowledge;

/// <summary>One lexical unit for <see cref="SubjectExtractor"/>: a lowercase word (possessive "'s" split off) or a punctuation role.</summary>
internal readonly record struct SubjectToken(SubjectTokenKind Kind, string Word = "", bool Possessive = false, bool Question = false)
{
    public static List<SubjectToken> Lex(string text)
    {
        var tokens = new List<SubjectToken>();
        var runes = text.EnumerateRunes().ToArray();
        var i = 0;
        while (i < runes.Length)
        {
            var rune = runes[i];
            if (WordTokenizer.IsWordRune(rune))
            {
                i = LexWord(runes, i, tokens);
                continue;
            }

            if (Rune.IsWhiteSpace(rune) && rune.Value is not ('\n' or '\r'))
            {
                i++;
                continue;
            }

            var next = i + 1 < runes.Length ? runes[i + 1] : new Rune(' ');
            var spaceOrEnd = Rune.IsWhiteSpace(next);
            tokens.Add(rune.Value switch
            {
                '\n' or '\r' => new SubjectToken(SubjectTokenKind.End),
                '.' or '!' when spaceOrEnd => new SubjectToken(SubjectTokenKind.End),
                '?' => new SubjectToken(SubjectTokenKind.End, Question: true),
                ':' when spaceOrEnd => new SubjectToken(SubjectTokenKind.Colon),
                '=' => new SubjectToken(SubjectTokenKind.Equals),
                ',' or ';' or '(' or ')' or '[' or ']' or '{' or '}' => new SubjectToken(SubjectTokenKind.Stop),
                _ => new SubjectToken(SubjectTokenKind.Ignorable),
            });
            i++;
        }

        return tokens;
    }

    /// <summary>A run of word runes, also joined across a single ' ’ - . _ / between word runes ("user's", "go-to", "v1.2").</summary>
    private static int LexWord(Rune[] runes, int start, List<SubjectToken> tokens)
    {
        var word = new StringBuilder();
        var i = start;
        while (i < runes.Length)
        {
            if (WordTokenizer.IsWordRune(runes[i]))
            {
                word.Append(Rune.ToLowerInvariant(runes[i]).ToString());
                i++;
            }
            else if (runes[i].Value is '\'' or '\u2019' or '-' or '.' or '_' or '/' && i + 1 < runes.Length && WordTokenizer.IsWordRune(runes[i + 1]))
            {
                word.Append(runes[i].Value == '\u2019' ? '\'' : (char)runes[i].Value);
                i++;
            }
            else
            {
                break;
            }
        }

        var text = word.ToString();
        if (text.EndsWith("'s", StringComparison.Ordinal) && text.Length > 2)
        {
            tokens.Add(new SubjectToken(SubjectTokenKind.Word, text[..^2], Possessive: true));
        }
        else if (i < runes.Length && runes[i].Value is '\'' or '\u2019' && text.EndsWith('s'))
        {
            // Plural possessive: "the users' editor".
            tokens.Add(new SubjectToken(SubjectTokenKind.Word, text, Possessive: true));
            i++;
        }
        else
        {
            tokens.Add(new SubjectToken(SubjectTokenKind.Word, text));
        }

        return i;
    }
}
