namespace Chitin.Tools.Search;

/// <summary>Expands shell-style braces in glob patterns, e.g. "src/**/*.{ts,tsx}" → two patterns. Nesting works.</summary>
internal static class BraceExpansion
{
    private const int MaxPatterns = 64;

    public static IReadOnlyList<string> Expand(string pattern)
    {
        var results = new List<string>();
        Expand(pattern, results);
        return results;
    }

    private static void Expand(string pattern, List<string> results)
    {
        if (results.Count >= MaxPatterns)
        {
            return;
        }

        var (open, close, commas) = FindGroup(pattern);
        if (open < 0)
        {
            results.Add(pattern);
            return;
        }

        var prefix = pattern[..open];
        var suffix = pattern[(close + 1)..];
        var start = open + 1;
        foreach (var end in commas.Append(close))
        {
            Expand(prefix + pattern[start..end] + suffix, results);
            start = end + 1;
        }
    }

    /// <summary>The first top-level "{a,b}" group with at least one comma; open is -1 when there is none.</summary>
    private static (int Open, int Close, List<int> Commas) FindGroup(string pattern)
    {
        for (var open = pattern.IndexOf('{', StringComparison.Ordinal); open >= 0; open = pattern.IndexOf('{', open + 1))
        {
            var depth = 0;
            var commas = new List<int>();
            for (var i = open; i < pattern.Length; i++)
            {
                switch (pattern[i])
                {
                    case '{':
                        depth++;
                        break;
                    case '}':
                        depth--;
                        if (depth == 0)
                        {
                            if (commas.Count > 0)
                            {
                                return (open, i, commas);
                            }

                            i = pattern.Length; // "{x}" is literal; look for the next group
                        }

                        break;
                    case ',' when depth == 1:
                        commas.Add(i);
                        break;
                }
            }
        }

        return (-1, -1, []);
    }
}
