namespace Chitin.Tools.Search;

/// <summary>
/// grep: a regular expression over the text files under a path, line by line, skipping .git, .gitignored and
/// binary files, symbolic links and files a deny rule keeps from read_file; results capped with a count of what was left out.
/// </summary>
public sealed class GrepTool : ToolBase
{
    public const int MaxFileBytes = 20 * 1024 * 1024;
    public const int MaxContextLines = 10;

    /// <summary>Characters of one line that are searched; the rest of a huge (minified) line is not.</summary>
    private const int MaxLineChars = 64 * 1024;

    private const string Schema =
        """
        {"type":"object","properties":{"pattern":{"type":"string","description":".NET regex"},"path":{"type":"string","description":"File or folder (default: workspace)"},"glob":{"type":"string","description":"File filter, e.g. *.cs"},"ignore_case":{"type":"boolean"},"context":{"type":"integer","minimum":0,"description":"Lines around each match"},"output_mode":{"enum":["content","files","count"]}},"required":["pattern"]}
        """;

    private readonly BuiltInToolOptions _options;

    public GrepTool(BuiltInToolOptions? options = null)
        : base("grep", Describe(options ?? BuiltInToolOptions.Default), Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolSubject.ReadPath(whenAbsent: ".", readsContentsBelow: true))
    {
        _options = (options ?? BuiltInToolOptions.Default).Validated();
    }

    private static string Describe(BuiltInToolOptions options) =>
        $"Search file contents by regex; prints path:line:text (max {options.SearchMaxResults}). Skips binary and .gitignored files.";

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var pattern = arguments.String("pattern", required: true, allowEmpty: true);
        var path = arguments.String("path", required: false) ?? ".";
        var glob = arguments.String("glob", required: false);
        var ignoreCase = arguments.Boolean("ignore_case") ?? false;
        var context = Math.Min(arguments.Integer("context", minimum: 0) ?? 0, MaxContextLines);
        var mode = arguments.Choice("output_mode", required: false, GrepReport.ContentMode, GrepReport.FilesMode, GrepReport.CountMode) ?? GrepReport.ContentMode;
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (!SearchRegex.TryCreate(pattern!, ignoreCase, _options.GrepRegexTimeout, out var regex, out var badPattern))
        {
            return ToolResult.Error(badPattern);
        }

        var paths = new WorkspacePaths(invocation.Context);
        if (!paths.TryResolve(path, out var target, out var refused))
        {
            return ToolResult.Error(refused);
        }

        if (!target.Exists)
        {
            return ToolResult.Error($"Not found: '{target.DisplayPath}'. Use glob or list_dir to see what exists.");
        }

        var walker = target.IsDirectory ? new IgnoreAwareWalker(target.FullPath, paths.Workspace) : null;
        IReadOnlyList<WalkedFile> files = walker is null
            ? [new WalkedFile(target.FullPath, Path.GetFileName(target.FullPath), new FileInfo(target.FullPath), IsLink: false)]
            : walker.Files(cancellationToken).Where(file => !file.IsLink).ToArray();
        if (glob is not null)
        {
            files = FileFilter.For(glob, anyDepth: true).Apply(target.IsDirectory ? target.FullPath : Path.GetDirectoryName(target.FullPath)!, files);
        }

        var readable = new ReadableFilter(_options.ReadPolicy, invocation.Context);
        files = readable.Apply(files);
        var report = new GrepReport(mode, _options.SearchMaxResults) { SkippedDenied = readable.Skipped };
        var search = new Search(regex, context, report);
        foreach (var file in files)
        {
            try
            {
                await SearchFileAsync(search, file, Display(target, file), cancellationToken).ConfigureAwait(false);
            }
            catch (RegexMatchTimeoutException)
            {
                return ToolResult.Error(
                    $"The pattern /{pattern}/ took longer than {_options.GrepRegexTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s on one line of "
                    + $"'{Display(target, file)}' (catastrophic backtracking). Simplify it: avoid nested quantifiers such as (a+)+ "
                    + "and backreferences or lookarounds, which force the slow engine.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Unreadable or vanished while searching: skip it like grep -s.
            }
        }

        var text = report.Render(pattern!, target.DisplayPath, walker?.Stopped ?? false);
        var data = JsonSerializer.SerializeToElement(
            new GrepData(pattern!, mode, report.FilesSearched, report.FilesMatched, report.Matches, report.Omitted, report.SkippedBinary, report.SkippedLarge, report.SkippedDenied, walker?.Stopped ?? false),
            ToolsJsonContext.Default.GrepData);
        return ToolResult.Ok(text, data);
    }

    private static string Display(ResolvedPath target, WalkedFile file) =>
        target.IsDirectory ? file.DisplayUnder(target.DisplayPath) : target.DisplayPath;

    private static async Task SearchFileAsync(Search search, WalkedFile file, string display, CancellationToken cancellationToken)
    {
        var report = search.Report;
        if (FileTypeProbe.Probe(file.FullPath) != FileType.Regular)
        {
            return; // FIFOs would block, devices never end
        }

        if (file.Info.Length > MaxFileBytes)
        {
            report.SkippedLarge++;
            return;
        }

        var stream = TextFile.OpenShared(file.FullPath);
        await using (stream.ConfigureAwait(false))
        {
            if ((await TextFile.SniffAsync(stream, cancellationToken).ConfigureAwait(false)).BinaryKind is not null)
            {
                report.SkippedBinary++;
                return;
            }

            report.FilesSearched++;
            using var decoder = TextFile.Decoder(stream);
            var lines = new LineReader(decoder);
            var matching = await search.ScanAsync(lines, display, cancellationToken).ConfigureAwait(false);
            report.AddFile(display, matching);
        }
    }

    /// <summary>The scan of one file: matching lines, with context before and after in content mode.</summary>
    private sealed class Search(Regex regex, int context, GrepReport report)
    {
        public GrepReport Report => report;

        public async Task<long> ScanAsync(LineReader lines, string display, CancellationToken cancellationToken)
        {
            var before = new Queue<(long Number, string Text)>();
            var afterRemaining = 0;
            long matching = 0;
            long number = 0;
            var content = report.Mode == GrepReport.ContentMode;
            while (await lines.ReadLineAsync(MaxLineChars, cancellationToken).ConfigureAwait(false) is { } line)
            {
                number++;
                var text = line.Text;
                if (!regex.IsMatch(text))
                {
                    if (afterRemaining > 0)
                    {
                        report.AddLine(display, number, text, isMatch: false, 0);
                        afterRemaining--;
                    }
                    else if (context > 0)
                    {
                        before.Enqueue((number, text));
                        if (before.Count > context)
                        {
                            before.Dequeue();
                        }
                    }

                    continue;
                }

                matching++;
                if (report.Mode == GrepReport.FilesMode)
                {
                    report.CountMatch();
                    return matching; // one match is enough to list the file
                }

                if (!report.CountMatch())
                {
                    if (content && !report.HasRoom)
                    {
                        afterRemaining = 0;
                        before.Clear();
                    }

                    continue;
                }

                foreach (var (beforeNumber, beforeText) in before)
                {
                    report.AddLine(display, beforeNumber, beforeText, isMatch: false, 0);
                }

                before.Clear();
                var index = text.Length > 400 ? regex.Match(text).Index : 0;
                report.AddLine(display, number, text, isMatch: true, index);
                afterRemaining = context;
            }

            return matching;
        }
    }
}
