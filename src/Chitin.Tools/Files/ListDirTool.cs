namespace Chitin.Tools.Files;

/// <summary>list_dir: a directory's entries, sorted, up to three levels deep, capped in count; entries a deny rule keeps from read_file are left out and counted.</summary>
public sealed class ListDirTool : ToolBase
{
    public const int MaxDepth = 3;

    /// <summary>Entries looked at beyond the cap only to count them; stops a huge tree from stalling the call.</summary>
    private const int MaxEntriesCounted = 100_000;

    private const string Schema =
        """
        {"type":"object","properties":{"path":{"type":"string","description":"Directory, relative to the workspace (default: the workspace)"},"depth":{"type":"integer","minimum":1,"description":"Levels to descend, 1-3; default 1"}}}
        """;

    private readonly BuiltInToolOptions _options;

    public ListDirTool(BuiltInToolOptions? options = null)
        : base("list_dir", Describe(options ?? BuiltInToolOptions.Default), Schema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolSubject.ReadPath(whenAbsent: "."))
    {
        _options = (options ?? BuiltInToolOptions.Default).Validated();
    }

    private static string Describe(BuiltInToolOptions options) =>
        "List a directory sorted by name: folders end in '/', files show their size, links show their target. "
        + $"At most {options.ListMaxEntries} entries; .git is not expanded.";

    public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var path = arguments.String("path", required: false) ?? ".";
        var depth = Math.Min(arguments.Integer("depth", minimum: 1) ?? 1, MaxDepth);
        if (arguments.HasErrors(out var invalid))
        {
            return ValueTask.FromResult(invalid);
        }

        if (!new WorkspacePaths(invocation.Context).TryResolve(path, out var directory, out var refused))
        {
            return ValueTask.FromResult(ToolResult.Error(refused));
        }

        if (!directory.Exists)
        {
            return ValueTask.FromResult(ToolResult.Error($"Directory not found: '{directory.DisplayPath}'."));
        }

        if (!directory.IsDirectory)
        {
            return ValueTask.FromResult(ToolResult.Error($"'{directory.DisplayPath}' is a file, not a directory; use read_file to read it."));
        }

        try
        {
            return ValueTask.FromResult(List(directory, depth, new ReadableFilter(_options.ReadPolicy, invocation.Context), cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(ToolResult.Error($"Cannot list '{directory.DisplayPath}': {ex.Message}"));
        }
    }

    private ToolResult List(ResolvedPath directory, int depth, ReadableFilter readable, CancellationToken cancellationToken)
    {
        var listing = new Listing(_options.ListMaxEntries, readable, cancellationToken);
        Walk(new DirectoryInfo(directory.FullPath), "", 1, depth, listing);

        var header = directory.DisplayPath == "." ? "./" : Path.TrimEndingDirectorySeparator(directory.DisplayPath) + "/";
        var text = new StringBuilder(header);
        if (listing.Shown == 0)
        {
            text.Append(" is empty.");
        }
        else
        {
            text.Append('\n').Append(listing.Lines);
            text.Length--; // the last newline
        }

        if (listing.Omitted > 0)
        {
            var count = listing.Omitted.ToString("N0", CultureInfo.InvariantCulture) + (listing.Exhausted ? "+" : "");
            text.Append(CultureInfo.InvariantCulture,
                $"\n... {count} more entries not shown (limit {_options.ListMaxEntries}); list a subfolder or use a smaller depth.");
        }

        if (readable.Note("entry", "entries") is { } denied)
        {
            text.Append('\n').Append(denied);
        }

        var data = JsonSerializer.SerializeToElement(
            new ListDirData(directory.DisplayPath, depth, listing.Shown, listing.Omitted, readable.Skipped), ToolsJsonContext.Default.ListDirData);
        return ToolResult.Ok(text.ToString(), data);
    }

    private static void Walk(DirectoryInfo directory, string prefix, int level, int depth, Listing listing)
    {
        foreach (var entry in FolderEntries.Sorted(directory))
        {
            listing.CancellationToken.ThrowIfCancellationRequested();
            if (listing.Exhausted)
            {
                return;
            }

            var relative = prefix + entry.Name;
            var linkTarget = entry.LinkTarget;
            if (!listing.Readable.Allows(entry.FullName, isLink: linkTarget is not null))
            {
                continue; // a denied folder is not descended into either
            }

            if (linkTarget is { } target)
            {
                listing.Add($"{relative} -> {target}");
                continue; // links are never followed: no loops, no escapes
            }

            if (entry is DirectoryInfo subdirectory)
            {
                listing.Add(relative + "/");
                if (level < depth && entry.Name != ".git")
                {
                    Walk(subdirectory, relative + "/", level + 1, depth, listing);
                }

                continue;
            }

            listing.Add(FileTypeProbe.Probe(entry.FullName) switch
            {
                FileType.Fifo => relative + "  [fifo]",
                FileType.Socket => relative + "  [socket]",
                FileType.CharacterDevice or FileType.BlockDevice => relative + "  [device]",
                _ => relative + "  " + SizeFormat.Of(((FileInfo)entry).Length),
            });
        }
    }

    /// <summary>Lines shown so far and entries left out by the cap.</summary>
    private sealed class Listing(int maxShown, ReadableFilter readable, CancellationToken cancellationToken)
    {
        public ReadableFilter Readable => readable;

        public StringBuilder Lines { get; } = new();

        public int Shown { get; private set; }

        public int Omitted { get; private set; }

        public bool Exhausted => Shown + Omitted >= MaxEntriesCounted;

        public CancellationToken CancellationToken => cancellationToken;

        public void Add(string line)
        {
            if (Shown < maxShown)
            {
                Lines.Append(line).Append('\n');
                Shown++;
            }
            else
            {
                Omitted++;
            }
        }
    }
}
