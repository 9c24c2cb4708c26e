namespace Chitin.Core.Context;

/// <summary>
/// Keeps big texts (tool results, pasted attachments) out of the context: the full text is written to the session's
/// artifact folder and the context receives its size, path, a head/tail excerpt and how to read more.
/// </summary>
public sealed class TextOffloader
{
    private readonly ITokenCounter _counter;
    private readonly ContextOptions _options;

    public TextOffloader(ITokenCounter counter, ContextOptions options)
    {
        _counter = counter ?? throw new ArgumentNullException(nameof(counter));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Returns the text unchanged when it is small; otherwise saves it as <paramref name="fileStem"/>.txt and returns an excerpt.</summary>
    public async Task<OffloadedText> OffloadAsync(string text, string artifactsDirectory, string fileStem, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A token is at least one UTF-8 byte, so short texts need no tokenizer.
        if (TokenBounds.SurelyWithin(text, _options.OffloadThresholdTokens))
        {
            return new OffloadedText(text, null, -1);
        }

        var tokens = _counter.CountTokens(text);
        if (tokens <= _options.OffloadThresholdTokens)
        {
            return new OffloadedText(text, null, tokens);
        }

        OwnerOnly.CreateDirectory(artifactsDirectory);
        var path = Path.Combine(artifactsDirectory, SafeName(fileStem) + ".txt");
        var temp = path + ".tmp";
        var stream = new FileStream(temp, OwnerOnly.CreateOptions(FileMode.Create));
        await using (stream.ConfigureAwait(false))
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
        return new OffloadedText(Excerpt(text, tokens, path, description), path, tokens);
    }

    private string Excerpt(string text, int tokens, string path, string description)
    {
        var lines = text.Split('\n');
        var head = TakeLines(lines, _options.ExcerptHeadTokens, fromEnd: false);
        var tail = TakeLines(lines.AsSpan(head.Count).ToArray(), _options.ExcerptTailTokens, fromEnd: true);
        var omitted = lines.Length - head.Count - tail.Count;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"[{description}: {text.Length:N0} chars, {lines.Length:N0} lines, ~{tokens:N0} tokens. Saved in full to {path}");
        sb.Append(CultureInfo.InvariantCulture, $" — read slices with read_file (offset, limit ≤ 200) or search it with grep. Excerpt:]\n");
        AppendLines(sb, head);
        if (omitted > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[... {omitted:N0} lines omitted ...]\n");
        }

        AppendLines(sb, tail);
        return sb.ToString().TrimEnd('\n');
    }

    private List<string> TakeLines(string[] lines, int budget, bool fromEnd)
    {
        var taken = new List<string>();
        var used = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[fromEnd ? lines.Length - 1 - i : i];
            if (line.Length > 400)
            {
                line = string.Concat(line.AsSpan(0, 400), "…");
            }

            var cost = _counter.CountTokens(line) + 1;
            if (used + cost > budget)
            {
                break;
            }

            used += cost;
            taken.Add(line);
        }

        if (fromEnd)
        {
            taken.Reverse();
        }

        return taken;
    }

    private static void AppendLines(StringBuilder sb, List<string> lines)
    {
        foreach (var line in lines)
        {
            sb.Append(line).Append('\n');
        }
    }

    private static string SafeName(string stem)
    {
        var chars = stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var name = new string(chars);
        return name.Length > 100 ? name[..100] : name;
    }
}
