namespace Chitin.Tools.Search;

/// <summary>glob: files matching a pattern, newest first, skipping .git, what .gitignore excludes and files a deny rule keeps from read_file.</summary>
public sealed class GlobTool : ToolBase
{
    private const string Schema =
        """
        {"type":"object","properties":{"pattern":{"type":"string","description":"e.g. **/*.cs or src/*.{ts,tsx}"},"path":{"type":"string","description":"Folder to search (default: workspace)"}},"required":["pattern"]}
        """;

    private readonly BuiltInToolOptions _options;

    public GlobTool(BuiltInToolOptions? options = null)
        : base("glob", Describe(options ?? BuiltInToolOptions.Default), Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolSubject.ReadPath(whenAbsent: "."))
    {
        _options = (options ?? BuiltInToolOptions.Default).Validated();
    }

    private static string Describe(BuiltInToolOptions options) =>
        $"Find files by glob pattern, newest first (max {options.SearchMaxResults}). Skips .gitignored files.";

    public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var pattern = arguments.String("pattern", required: true);
        var path = arguments.String("path", required: false) ?? ".";
        if (arguments.HasErrors(out var invalid))
        {
            return ValueTask.FromResult(invalid);
        }

        var paths = new WorkspacePaths(invocation.Context);
        if (!paths.TryResolve(path, out var directory, out var refused))
        {
            return ValueTask.FromResult(ToolResult.Error(refused));
        }

        if (!directory.Exists || !directory.IsDirectory)
        {
            return ValueTask.FromResult(ToolResult.Error(directory.Exists
                ? $"'{directory.DisplayPath}' is a file, not a folder; give the folder to search in 'path'."
                : $"Folder not found: '{directory.DisplayPath}'."));
        }

        if (Path.IsPathRooted(pattern!) || pattern!.Split('/', '\\').Contains(".."))
        {
            return ValueTask.FromResult(ToolResult.Error(
                $"The pattern '{pattern}' must be relative to 'path' and stay inside it, e.g. **/*.cs; put the folder in 'path'."));
        }

        var walker = new IgnoreAwareWalker(directory.FullPath, paths.Workspace);
        var readable = new ReadableFilter(_options.ReadPolicy, invocation.Context);
        var files = readable.Apply(FileFilter.For(pattern, anyDepth: false).Apply(directory.FullPath, walker.Files(cancellationToken).ToArray()));
        return ValueTask.FromResult(Render(pattern, directory, files, walker.Stopped, readable));
    }

    private ToolResult Render(string pattern, ResolvedPath directory, IReadOnlyList<WalkedFile> files, bool walkStopped, ReadableFilter readable)
    {
        var text = new StringBuilder();
        if (files.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"No files match '{pattern}' in '{directory.DisplayPath}' (.gitignored files are skipped).");
            if (!pattern.Contains('/', StringComparison.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $" The pattern matches only at the top of that folder: use '**/{pattern}' to include subfolders.");
            }
        }
        else
        {
            var shown = files
                .OrderByDescending(file => file.Info.LastWriteTimeUtc)
                .ThenBy(file => file.RelativePath, StringComparer.Ordinal)
                .Take(_options.SearchMaxResults);
            text.AppendJoin('\n', shown.Select(file => file.DisplayUnder(directory.DisplayPath)));
            if (files.Count > _options.SearchMaxResults)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"\n... {files.Count - _options.SearchMaxResults:N0} more files not shown (limit {_options.SearchMaxResults}); use a narrower pattern or path.");
            }
        }

        if (readable.Note("matching file", "matching files") is { } denied)
        {
            text.Append('\n').Append(denied);
        }

        if (walkStopped)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[search stopped after {IgnoreAwareWalker.MaxEntries:N0} entries; use a narrower path]");
        }

        var shownCount = Math.Min(files.Count, _options.SearchMaxResults);
        var data = JsonSerializer.SerializeToElement(
            new GlobData(pattern, directory.DisplayPath, shownCount, files.Count - shownCount, readable.Skipped, walkStopped), ToolsJsonContext.Default.GlobData);
        return ToolResult.Ok(text.ToString(), data);
    }
}
