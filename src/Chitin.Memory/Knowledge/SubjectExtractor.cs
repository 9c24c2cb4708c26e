namespace Chitin.Memory.Knowledge;

/// <summary>
/// Derives the subject of a fact ("user.editor", "project.test-command") so that a newer fact about the same subject
/// can replace the older one. Deterministic and deliberately conservative: it only answers for the first sentence
/// when it has one of these shapes, and returns null otherwise (null never matches anything):
/// <list type="bullet">
/// <item>"&lt;noun phrase&gt; is|are|was|were &lt;value&gt;": "The user's preferred editor is Helix" → user.editor.</item>
/// <item>"&lt;noun phrase&gt;: &lt;value&gt;" or "= &lt;value&gt;": "Test command: make test" → test-command.</item>
/// <item>"&lt;owner&gt; prefers|uses &lt;value&gt; as|for &lt;noun phrase&gt;": "User prefers Vim as editor" → user.editor.</item>
/// <item>"&lt;owner&gt; lives in …" → owner.home; "&lt;owner&gt; works at|for …" → owner.employer.</item>
/// </list>
/// In the noun phrase, a possessive or a leading owner word (user, I/my → user; project/repo/we/our → project) becomes
/// the owner; articles and taste words (preferred, favourite, default, main, …) are dropped; the rest is lightly
/// stemmed and joined with '-'. A bare one-word phrase ("The API is slow") gives no subject, because one noun with
/// a copula usually describes rather than names a value; questions, conditionals and lists give none either.
/// </summary>
public static partial class SubjectExtractor
{
    private const int MaxPhraseWords = 6;
    private const int MaxAttributeWords = 4;

    private static readonly HashSet<string> Copulas = new(StringComparer.Ordinal) { "is", "are", "was", "were" };

    private static readonly HashSet<string> PreferenceVerbs = new(StringComparer.Ordinal) { "prefer", "prefers", "use", "uses" };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "this", "that", "these", "those", "your", "his", "her", "their", "its",
    };

    private static readonly Dictionary<string, string> OwnerWords = new(StringComparer.Ordinal)
    {
        ["user"] = "user", ["users"] = "user", ["i"] = "user", ["me"] = "user", ["my"] = "user",
        ["project"] = "project", ["repo"] = "project", ["repository"] = "project", ["codebase"] = "project",
        ["we"] = "project", ["our"] = "project", ["us"] = "project",
        ["team"] = "team",
    };

    private static readonly HashSet<string> TasteWords = new(StringComparer.Ordinal)
    {
        "preferred", "favourite", "favorite", "favored", "favoured", "default", "main", "primary", "usual", "current",
        "chosen", "go-to", "goto", "actual", "personal", "own", "new", "present",
    };

    /// <summary>Words that make the phrase a clause, a question or a condition rather than a name of something.</summary>
    private static readonly HashSet<string> ClauseWords = new(StringComparer.Ordinal)
    {
        "that", "which", "who", "whom", "whose", "where", "what", "why", "how", "when", "whenever", "if", "because",
        "although", "though", "while", "after", "before", "unless", "since", "until", "once", "whether", "not", "never",
        "and", "or", "but", "there", "it", "he", "she", "they", "you",
    };

    /// <summary>Labels that head notes rather than name a value ("Note: …", "TODO: …").</summary>
    private static readonly HashSet<string> LabelWords = new(StringComparer.Ordinal)
    {
        "note", "notes", "tip", "warning", "todo", "important", "nb", "update", "fyi", "reminder", "example", "summary",
        "context", "reason", "question", "answer", "idea", "see", "caution", "info", "hint", "remember", "also", "edit",
    };

    /// <summary>The subject of <paramref name="text"/>, or null when it has none of the recognised shapes.</summary>
    public static string? Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentence = FirstSentence(SubjectToken.Lex(ListMarker().Replace(text, "", 1)));
        if (sentence is null)
        {
            return null;
        }

        var limit = Math.Min(sentence.Count, MaxPhraseWords + 1);
        for (var i = 0; i < limit; i++)
        {
            var token = sentence[i];
            if (token.Kind is SubjectTokenKind.Colon or SubjectTokenKind.Equals)
            {
                return i == 0 ? null : FromNounPhrase(sentence.Take(i), sentence.Skip(i + 1), labelForm: true);
            }

            if (token.Kind == SubjectTokenKind.Stop)
            {
                return null;
            }

            if (i == 0)
            {
                continue;
            }

            if (Copulas.Contains(token.Word))
            {
                return FromNounPhrase(sentence.Take(i), sentence.Skip(i + 1), labelForm: false);
            }

            if (PreferenceVerbs.Contains(token.Word))
            {
                return FromPreference(sentence.Take(i), sentence.Skip(i + 1).ToList());
            }

            var next = i + 1 < sentence.Count ? sentence[i + 1].Word : "";
            if (token.Word is "live" or "lives" && next == "in")
            {
                return Relation(sentence.Take(i), "home");
            }

            if (token.Word is "work" or "works" && next is "at" or "for")
            {
                return Relation(sentence.Take(i), "employer");
            }
        }

        return null;
    }

    /// <summary>Lowercase, words joined by '-', only letters, digits, '.', '-' and '_'; null when nothing is left.</summary>
    public static string? NormalizeExplicit(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        var builder = new StringBuilder(subject.Length);
        foreach (var c in subject.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '.' or '_')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var normalized = builder.ToString().Trim('-', '.');
        return normalized.Length == 0 ? null : normalized;
    }

    /// <summary>Tokens of the first sentence, without leading list markers; null when it is a question.</summary>
    private static List<SubjectToken>? FirstSentence(List<SubjectToken> tokens)
    {
        var sentence = new List<SubjectToken>();
        foreach (var token in tokens)
        {
            if (token.Kind == SubjectTokenKind.End)
            {
                if (sentence.Count == 0 && !token.Question)
                {
                    continue;
                }

                return token.Question ? null : sentence;
            }

            if (token.Kind == SubjectTokenKind.Ignorable || (sentence.Count == 0 && token.Kind != SubjectTokenKind.Word))
            {
                continue;
            }

            sentence.Add(token);
        }

        return sentence.Count == 0 ? null : sentence;
    }

    private static string? FromNounPhrase(IEnumerable<SubjectToken> phraseTokens, IEnumerable<SubjectToken> valueTokens, bool labelForm)
    {
        var phrase = phraseTokens.ToList();
        if (!valueTokens.Any(t => t.Kind == SubjectTokenKind.Word) || !IsPlainPhrase(phrase))
        {
            return null;
        }

        if (labelForm && phrase.Count == 1 && LabelWords.Contains(phrase[0].Word))
        {
            return null;
        }

        var (owner, attributes) = SplitOwner(phrase);
        if (attributes.Count == 0 || attributes.Count > MaxAttributeWords || (owner is null && attributes.Count == 1 && !labelForm))
        {
            return null;
        }

        return Compose(owner, attributes);
    }

    private static string? FromPreference(IEnumerable<SubjectToken> ownerTokens, List<SubjectToken> rest)
    {
        var owner = OwnerOf(ownerTokens.ToList());
        var marker = rest.FindIndex(t => t.Kind != SubjectTokenKind.Word || t.Word is "as" or "for");
        if (owner is null || marker <= 0 || rest[marker].Kind != SubjectTokenKind.Word)
        {
            return null;
        }

        var role = rest.Skip(marker + 1).TakeWhile(t => t.Kind == SubjectTokenKind.Word).ToList();
        if (role.Count == 0 || !IsPlainPhrase(role) || role.Any(t => t.Word is "as" or "for" or "with" or "in" or "over"))
        {
            return null;
        }

        var attributes = Attributes(role);
        return attributes.Count is 0 or > MaxAttributeWords - 1 ? null : Compose(owner, attributes);
    }

    private static string? Relation(IEnumerable<SubjectToken> ownerTokens, string relation)
    {
        var owner = OwnerOf(ownerTokens.ToList());
        return owner is null ? null : $"{owner}.{relation}";
    }

    private static bool IsPlainPhrase(List<SubjectToken> phrase) =>
        phrase.Count is > 0 and <= MaxPhraseWords && phrase.All(t => t.Kind == SubjectTokenKind.Word && !ClauseWords.Contains(t.Word));

    /// <summary>"the user's preferred editor" → (user, [editor]); "the name of the project" → (project, [name]).</summary>
    private static (string? Owner, List<string> Attributes) SplitOwner(List<SubjectToken> phrase)
    {
        var words = phrase.ToList();
        var ofChoice = words.FindIndex(t => t.Word == "of");
        if (ofChoice >= 0 && ofChoice + 1 < words.Count && words[ofChoice + 1].Word == "choice")
        {
            words.RemoveRange(ofChoice, 2);
        }

        var of = words.FindIndex(t => t.Word == "of");
        if (of > 0)
        {
            var ownerOfPhrase = OwnerOf(words.Skip(of + 1).ToList());
            if (ownerOfPhrase is null)
            {
                return (null, []);
            }

            var (innerOwner, attributes) = SplitOwner(words.Take(of).ToList());
            return (innerOwner is null ? ownerOfPhrase : $"{ownerOfPhrase}.{innerOwner}", attributes);
        }

        string? owner = null;
        var rest = new List<SubjectToken>();
        foreach (var token in words)
        {
            if (rest.Count == 0 && Determiners.Contains(token.Word))
            {
                continue;
            }

            if (token.Possessive && rest.Count == 0)
            {
                var name = OwnerWords.GetValueOrDefault(token.Word, token.Word);
                owner = owner is null ? name : $"{owner}.{name}";
            }
            else if (rest.Count == 0 && owner is null && token.Word is "my" or "our")
            {
                owner = OwnerWords[token.Word];
            }
            else
            {
                rest.Add(token);
            }
        }

        var attributesOnly = Attributes(rest);
        if (owner is null && attributesOnly.Count > 1 && OwnerWords.TryGetValue(attributesOnly[0], out var leadingOwner))
        {
            return (leadingOwner, attributesOnly.Skip(1).ToList());
        }

        return (owner, attributesOnly);
    }

    private static List<string> Attributes(IEnumerable<SubjectToken> tokens) =>
        tokens.Select(t => t.Word)
            .Where(w => !Determiners.Contains(w) && !TasteWords.Contains(w) && w is not ("my" or "our"))
            .Select(LightStemmer.Stem)
            .ToList();

    /// <summary>"the user" / "I" → user; "we" / "our team" → project / team; "Alice" → alice; longer phrases → null.</summary>
    private static string? OwnerOf(List<SubjectToken> tokens)
    {
        if (tokens.Any(t => t.Kind != SubjectTokenKind.Word || ClauseWords.Contains(t.Word)))
        {
            return null;
        }

        var words = tokens.Select(t => t.Word).Where(w => !Determiners.Contains(w)).ToList();
        if (words.Count == 2 && words[0] is "my" or "our")
        {
            return OwnerWords.TryGetValue(words[1], out var mapped) ? mapped : $"{OwnerWords[words[0]]}.{words[1]}";
        }

        return words.Count switch
        {
            1 => OwnerWords.GetValueOrDefault(words[0], words[0]),
            2 => string.Join('-', words),
            _ => null,
        };
    }

    private static string Compose(string? owner, List<string> attributes)
    {
        var attribute = string.Join('-', attributes);
        return owner is null ? attribute : $"{owner}.{attribute}";
    }

    [GeneratedRegex(@"^\s*(?:[-*+>#]+|\d+[.)])\s+")]
    private static partial Regex ListMarker();
}
