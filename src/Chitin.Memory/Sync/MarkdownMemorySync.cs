namespace Chitin.Memory.Sync;

/// <summary>
/// Imports, exports and two-way syncs the Markdown memory of other agents: OpenClaw (<c>MEMORY.md</c>,
/// <c>memory/YYYY-MM-DD.md</c>), Claude Code (<c>CLAUDE.md</c>), <c>AGENTS.md</c> and Nanobot (<c>USER.md</c>,
/// <c>memory/MEMORY.md</c>).
/// <para>
/// Each bullet or paragraph is one item (see <see cref="MarkdownMemoryParser"/> for what counts; code blocks, tables
/// and HTML comments never do), with source (import, full file path, line). The file's name sets layer and scope:
/// daily logs are episodic, valid from their day; <c>USER.md</c> holds semantic user facts; <c>AGENTS.md</c> project
/// procedures; <c>CLAUDE.md</c> project procedures or facts and <c>MEMORY.md</c> user procedures or facts, by wording.
/// </para>
/// <para>
/// Chitin writes only its own section, between <c>&lt;!-- chitin:memory:begin --&gt;</c> and
/// <c>&lt;!-- chitin:memory:end --&gt;</c> (appended at the end of the file the first time), one bullet per item with
/// a hidden id comment; every other byte of the file (line endings, byte order mark, final line break) stays as it
/// was. Files are replaced atomically (temporary file and rename in the same folder), and only when the section changed.
/// </para>
/// <para>
/// Sync state lives in the <c>memory_sync_links</c> table of the Chitin database file: per file and item, where the
/// entry is and the text file and store agreed on at the last sync. Comparing both sides with it tells who changed
/// what: a change on one side is applied to the other (an edited entry edits its item, a removed entry ends it with
/// the reason "removed from &lt;file&gt;", an item changed in the store rewrites its bullet in Chitin's section); a
/// change on both sides is a conflict, reported and left as it is. Entries are recognised across syncs by hidden id,
/// by the same text (file + normalised text), then by a similar text near the same place (an edit).
/// </para>
/// </summary>
public sealed class MarkdownMemorySync
{
    /// <summary>Files larger than this are refused (8 MiB unless set).</summary>
    public const long DefaultMaxFileBytes = 8L * 1024 * 1024;

    private readonly IMemoryStore _store;
    private readonly TimeProvider _time;

    public MarkdownMemorySync(IMemoryStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The Chitin database file that holds the sync state. Null uses the store's file when the store is a
    /// <see cref="SqliteMemoryStore"/>; another store needs it set.
    /// </summary>
    public string? StateDatabasePath { get; init; }

    /// <summary>Larger Markdown files are refused with an error.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>
    /// Imports one memory file, or every memory file a folder holds (see <see cref="MarkdownMemoryFormat"/>). Re-importing
    /// stores nothing twice and takes in the edits made to the files since. Files are never written.
    /// </summary>
    /// <param name="fileOrFolder">A memory file (any .md file; its name decides layer and scope) or a workspace folder.</param>
    /// <param name="viewer">Who imports: project entries go to its workspace.</param>
    /// <param name="progress">Told of each stored change right after it was committed.</param>
    /// <param name="cancellationToken">Stops between entries; everything reported so far is stored.</param>
    /// <exception cref="MemoryImportException">The path does not exist, is not Markdown, or the folder holds no memory file.</exception>
    public async Task<MemoryImportReport> ImportAsync(string fileOrFolder, MemoryViewer viewer, IProgress<MemoryImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileOrFolder);
        ArgumentNullException.ThrowIfNull(viewer);
        var targets = ImportTargets(Path.GetFullPath(fileOrFolder));
        var tally = new SyncTally();
        var ledger = await OpenLedgerAsync(cancellationToken).ConfigureAwait(false);
        await using (ledger.ConfigureAwait(false))
        {
            var importer = new FileImporter(_store, ledger, viewer, _time, progress, tally);
            foreach (var target in targets)
            {
                await ImportFileAsync(importer, target, tally, cancellationToken).ConfigureAwait(false);
            }
        }

        return tally.ToImportReport();
    }

    /// <summary>
    /// Writes the current items into the file(s) of <paramref name="format"/>: only Chitin's section is written; the
    /// rest of an existing file stays byte-identical. A file whose section was edited since the last sync is left
    /// alone with an error (sync first, so the edits are not lost).
    /// </summary>
    /// <param name="format">Which layout to write.</param>
    /// <param name="outPath">A workspace folder (OpenClaw, Nanobot), or a file or folder (Claude, Agents).</param>
    /// <param name="viewer">Whose memory: its user, project and agent scopes.</param>
    /// <param name="cancellationToken">Stops before the next file.</param>
    /// <exception cref="MemoryImportException">The format needs a folder and <paramref name="outPath"/> is a file.</exception>
    public Task<MemoryExportReport> ExportAsync(MarkdownMemoryFormat format, string outPath, MemoryViewer viewer, CancellationToken cancellationToken) =>
        ExportAsync(format, outPath, viewer, scopes: null, cancellationToken);

    /// <summary>As <see cref="ExportAsync(MarkdownMemoryFormat, string, MemoryViewer, CancellationToken)"/>, writing the items of <paramref name="scopes"/>.</summary>
    /// <param name="scopes">
    /// The scopes to write; null writes each file's own (user and agent for OpenClaw and Nanobot files, project for
    /// CLAUDE.md and AGENTS.md). Session scope is never exported.
    /// </param>
    public async Task<MemoryExportReport> ExportAsync(MarkdownMemoryFormat format, string outPath, MemoryViewer viewer, IReadOnlyCollection<MemoryScope>? scopes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        ArgumentNullException.ThrowIfNull(viewer);
        var fullPath = Path.GetFullPath(outPath);
        IReadOnlySet<MemoryScope>? asked = scopes?.Where(s => s != MemoryScope.Session).ToHashSet();
        var targets = MemoryFileLayout.ExportTargets(format, fullPath).Select(t => t with { Scopes = asked }).ToList();
        var visible = await ExportSelection.VisibleAsync(_store, viewer, cancellationToken).ConfigureAwait(false);
        if (format == MarkdownMemoryFormat.OpenClaw)
        {
            targets.AddRange(DailyTargets(fullPath, visible, targets, asked).Select(t => t with { Scopes = asked }));
        }

        var tally = new SyncTally();
        var ledger = await OpenLedgerAsync(cancellationToken).ConfigureAwait(false);
        await using (ledger.ConfigureAwait(false))
        {
            var writer = new SectionWriter(_store, ledger, _time, tally);
            var prepared = new List<(MemoryFileTarget Target, ParsedMemoryFile Parsed, FileImportResult Known)>();
            foreach (var target in targets)
            {
                if (await PrepareExportAsync(target, ledger, tally, cancellationToken).ConfigureAwait(false) is { } ready)
                {
                    prepared.Add((target, ready.Parsed, ready.Known));
                }
            }

            await WriteSectionsAsync(writer, ledger, prepared, targets, visible, createEmpty: true, tally, cancellationToken).ConfigureAwait(false);
        }

        return tally.ToExportReport();
    }

    /// <summary>
    /// Two-way sync of the memory files in a folder: first what changed in the files is taken in (as
    /// <see cref="ImportAsync"/>), then Chitin's section of each file is brought up to date with the store. Conflicts
    /// are reported and both sides left as they are.
    /// </summary>
    /// <param name="folder">A workspace or project folder holding memory files.</param>
    /// <param name="viewer">Whose memory: its user, project and agent scopes.</param>
    /// <param name="cancellationToken">Stops between entries or files; everything done so far is consistent.</param>
    /// <exception cref="MemoryImportException">The folder does not exist or holds no memory file.</exception>
    public async Task<MemorySyncReport> SyncAsync(string folder, MemoryViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(viewer);
        var fullPath = Path.GetFullPath(folder);
        if (!Directory.Exists(fullPath))
        {
            throw new MemoryImportException(fullPath, null, "is not a folder. Sync takes the folder that holds the memory files (for example the OpenClaw workspace or the project root).");
        }

        var targets = FoundTargets(fullPath);
        var tally = new SyncTally();
        var ledger = await OpenLedgerAsync(cancellationToken).ConfigureAwait(false);
        await using (ledger.ConfigureAwait(false))
        {
            var importer = new FileImporter(_store, ledger, viewer, _time, null, tally);
            var prepared = new List<(MemoryFileTarget Target, ParsedMemoryFile Parsed, FileImportResult Known)>();
            foreach (var target in targets)
            {
                if (await ImportFileAsync(importer, target, tally, cancellationToken).ConfigureAwait(false) is { } done)
                {
                    prepared.Add((target, done.Parsed, done.Known));
                }
            }

            var visible = await ExportSelection.VisibleAsync(_store, viewer, cancellationToken).ConfigureAwait(false);
            if (targets.Any(t => t.Role == MemoryFileRole.DailyLog))
            {
                var newDays = DailyTargets(fullPath, visible, targets).ToList();
                targets.AddRange(newDays);
                prepared.AddRange(newDays.Select(t => (t, ParsedMemoryFile.Empty(t.Path), new FileImportResult())));
            }

            var writer = new SectionWriter(_store, ledger, _time, tally);
            await WriteSectionsAsync(writer, ledger, prepared, targets, visible, createEmpty: false, tally, cancellationToken).ConfigureAwait(false);
        }

        return new MemorySyncReport(tally.ToImportReport(), tally.ToExportReport());
    }

    private static List<MemoryFileTarget> ImportTargets(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            return FoundTargets(fullPath);
        }

        if (!File.Exists(fullPath))
        {
            throw new MemoryImportException(fullPath, null, "does not exist. Give a memory file or the folder that holds the memory files.");
        }

        return [MemoryFileLayout.ForFile(fullPath) ?? throw new MemoryImportException(
            fullPath,
            null,
            $"is not a Markdown file. Chitin imports Markdown memory files: {MemoryFileLayout.Expected}, or any other .md file as long-term memory.")];
    }

    private static List<MemoryFileTarget> FoundTargets(string folder)
    {
        var targets = MemoryFileLayout.Discover(folder);
        if (targets.Count == 0)
        {
            throw new MemoryImportException(
                folder,
                null,
                $"holds no memory file. Expected {MemoryFileLayout.Expected}. To start one here, use export with a format first.");
        }

        return targets;
    }

    /// <summary>The daily logs the visible episodic items need that are not among <paramref name="existing"/>.</summary>
    private static IEnumerable<MemoryFileTarget> DailyTargets(string workspace, List<MemoryItem> visible, List<MemoryFileTarget> existing, IReadOnlySet<MemoryScope>? scopes = null)
    {
        var known = existing.Where(t => t.Role == MemoryFileRole.DailyLog).Select(t => t.Day).ToHashSet();
        return visible
            .Where(i => i.Layer == MemoryLayer.Episodic && (scopes?.Contains(i.Scope) ?? i.Scope is MemoryScope.User or MemoryScope.Agent))
            .Select(ExportSelection.DayOf)
            .Distinct()
            .Where(day => !known.Contains(day))
            .Order()
            .Select(day => MemoryFileLayout.DailyLog(workspace, day))
            .ToList();
    }

    /// <summary>Reads, parses and imports one file; a file that fails is recorded as an error and yields null.</summary>
    private async Task<(ParsedMemoryFile Parsed, FileImportResult Known)?> ImportFileAsync(
        FileImporter importer,
        MemoryFileTarget target,
        SyncTally tally,
        CancellationToken cancellationToken)
    {
        ParsedMemoryFile parsed;
        try
        {
            var content = await MemoryFileReader.ReadAsync(target.Path, MaxFileBytes, cancellationToken).ConfigureAwait(false);
            parsed = MarkdownMemoryParser.Parse(content);
        }
        catch (MemoryImportException ex)
        {
            tally.ImportErrors.Add(new MemoryFileError(target.Path, ex.Line, ex.Message));
            return null;
        }

        tally.Files.Add(target.Path);
        try
        {
            var known = await importer.ImportAsync(target, parsed, cancellationToken).ConfigureAwait(false);
            return (parsed, known);
        }
        catch (Exception ex) when (ex is MemoryStoreException or ArgumentException)
        {
            tally.ImportErrors.Add(new MemoryFileError(
                target.Path,
                null,
                $"{target.Path}: the memory store refused a change, so the import of this file stopped there (changes already reported are stored): {ex.Message}"));
            return null;
        }
    }

    /// <summary>Reads an existing file for an export and checks that its section holds no edits a sync has not taken in yet.</summary>
    private async Task<(ParsedMemoryFile Parsed, FileImportResult Known)?> PrepareExportAsync(
        MemoryFileTarget target,
        SyncLedger ledger,
        SyncTally tally,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(target.Path))
        {
            return (ParsedMemoryFile.Empty(target.Path), new FileImportResult());
        }

        try
        {
            var content = await MemoryFileReader.ReadAsync(target.Path, MaxFileBytes, cancellationToken).ConfigureAwait(false);
            var parsed = MarkdownMemoryParser.Parse(content);
            var links = (await ledger.LinksAsync(target.Path, cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.ItemId, StringComparer.Ordinal);
            var known = new FileImportResult();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var index = 0; index < parsed.Entries.Count; index++)
            {
                var entry = parsed.Entries[index];
                if (!entry.InSection)
                {
                    continue;
                }

                var unchanged = entry.ItemId is { } id && (links.TryGetValue(id, out var link)
                    ? EntryText.Same(entry.Text, link.SyncedText)
                    : await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } item && EntryText.Same(entry.Text, EntryText.Plain(item.Text)));
                if (!unchanged)
                {
                    throw SectionEdited(target.Path, entry.Line);
                }

                known.EntryItems[index] = entry.ItemId!;
                seen.Add(entry.ItemId!);
            }

            if (links.Values.FirstOrDefault(l => l.Region == SyncRegion.Section && !seen.Contains(l.ItemId)) is { } removed)
            {
                throw SectionEdited(target.Path, removed.Line);
            }

            return (parsed, known);
        }
        catch (MemoryImportException ex)
        {
            tally.ExportErrors.Add(new MemoryFileError(target.Path, ex.Line, ex.Message));
            return null;
        }
    }

    private async Task WriteSectionsAsync(
        SectionWriter writer,
        SyncLedger ledger,
        List<(MemoryFileTarget Target, ParsedMemoryFile Parsed, FileImportResult Known)> prepared,
        List<MemoryFileTarget> targets,
        List<MemoryItem> visible,
        bool createEmpty,
        SyncTally tally,
        CancellationToken cancellationToken)
    {
        var userFileAlongside = targets.Any(t => t.Role == MemoryFileRole.UserProfile);
        var inUserText = await InUserTextByAudienceAsync(ledger, targets, cancellationToken).ConfigureAwait(false);

        // When an agent reads two files of the same role (CLAUDE.md and .claude/CLAUDE.md), new items go to the first only.
        var filled = new HashSet<(string Audience, MemoryFileRole Role, DateOnly? Day)>();
        foreach (var (target, parsed, known) in prepared)
        {
            var candidates = filled.Add((target.Audience, target.Role, target.Day))
                ? visible.Where(i => ExportSelection.Fits(i, target, userFileAlongside))
                : [];
            try
            {
                await writer.WriteAsync(target, parsed, known, candidates, inUserText[target.Audience], createEmpty, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MemoryImportException or MemoryStoreException or IOException or UnauthorizedAccessException)
            {
                tally.ExportErrors.Add(new MemoryFileError(target.Path, (ex as MemoryImportException)?.Line, ex.Message));
            }
        }
    }

    /// <summary>Per audience, the items that are in the user's own text of one of its files: they are not repeated in another.</summary>
    private static async Task<Dictionary<string, IReadOnlySet<string>>> InUserTextByAudienceAsync(
        SyncLedger ledger,
        List<MemoryFileTarget> targets,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var group in targets.GroupBy(t => t.Audience))
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var target in group)
            {
                ids.UnionWith((await ledger.LinksAsync(target.Path, cancellationToken).ConfigureAwait(false)).Where(l => l.Region == SyncRegion.File).Select(l => l.ItemId));
            }

            result[group.Key] = ids;
        }

        return result;
    }

    private static MemoryImportException SectionEdited(string path, int line) =>
        new(
            path,
            line,
            "Chitin's section was edited in the file since the last sync. Nothing was written to this file, so those edits are kept; " +
            "run `chitin memory sync` on its folder to take them in, then export again.");

    private async Task<SyncLedger> OpenLedgerAsync(CancellationToken cancellationToken)
    {
        var path = StateDatabasePath ?? (_store as SqliteMemoryStore)?.DatabasePath ?? throw new InvalidOperationException(
            "Markdown sync keeps its state in the Chitin database file: set StateDatabasePath when the memory store is not a SqliteMemoryStore.");
        return await SyncLedger.OpenAsync(path, _time, cancellationToken).ConfigureAwait(false);
    }
}
