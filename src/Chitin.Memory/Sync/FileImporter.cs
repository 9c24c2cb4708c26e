namespace Chitin.Memory.Sync;

/// <summary>
/// The import half for one parsed file: matches its entries with what was synced from it last time and brings the
/// store in line — new entries saved, edited entries edited, removed entries forgotten — unless the store changed the
/// same item too, which is a conflict left for the user. Each change is committed to the store, then to the ledger,
/// then reported.
/// </summary>
internal sealed class FileImporter(
    IMemoryStore store,
    SyncLedger ledger,
    MemoryViewer viewer,
    TimeProvider time,
    IProgress<MemoryImportProgress>? progress,
    SyncTally tally)
{
    private const int Page = 1_000;

    /// <summary>New entries are saved in committed batches that start small (the first items show up at once) and double up to <see cref="MaxBatch"/>.</summary>
    private const int FirstBatch = 16;

    private const int MaxBatch = 16_384;

    /// <summary>Links found by <see cref="AddUnrecordedLinksAsync"/>: written to the ledger even when nothing else changed.</summary>
    private readonly HashSet<string> _unrecorded = new(StringComparer.Ordinal);

    public async Task<FileImportResult> ImportAsync(MemoryFileTarget target, ParsedMemoryFile parsed, CancellationToken cancellationToken)
    {
        var path = target.Path;
        var entries = parsed.Entries;
        var links = await ledger.LinksAsync(path, cancellationToken).ConfigureAwait(false);
        var items = new Dictionary<string, MemoryItem?>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            items[link.ItemId] = await store.GetAsync(link.ItemId, cancellationToken).ConfigureAwait(false);
        }

        await AddUnrecordedLinksAsync(path, entries, links, items, cancellationToken).ConfigureAwait(false);
        var matches = EntryMatcher.Match(entries, links);
        var linked = links.Select(l => l.ItemId).ToHashSet(StringComparer.Ordinal);
        var result = new FileImportResult();
        var handledKeys = new HashSet<string>(StringComparer.Ordinal);
        var now = time.GetUtcNow();

        foreach (var pair in matches.Pairs)
        {
            var entry = entries[pair.Entry];
            var link = links[pair.Link];
            result.EntryItems[pair.Entry] = link.ItemId;
            handledKeys.Add(EntryText.Key(entry.Text));
            await PairedAsync(path, pair.Entry, entry, link, items[link.ItemId], now, result, cancellationToken).ConfigureAwait(false);
        }

        var pending = new List<(int Index, MarkdownEntry Entry, MemoryDraft Draft)>();
        var batch = FirstBatch;
        foreach (var index in matches.NewEntries)
        {
            var entry = entries[index];
            if (!handledKeys.Add(EntryText.Key(entry.Text)))
            {
                tally.Unchanged++;
                continue;
            }

            pending.Add((index, entry, NewDraft(target, parsed, entry)));
            if (pending.Count >= batch)
            {
                await SaveNewAsync(target.Path, pending, linked, result, cancellationToken).ConfigureAwait(false);
                batch = Math.Min(batch * 2, MaxBatch);
            }
        }

        await SaveNewAsync(target.Path, pending, linked, result, cancellationToken).ConfigureAwait(false);

        foreach (var index in matches.GoneLinks)
        {
            var link = links[index];
            await GoneAsync(path, link, items[link.ItemId], now, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Links the ledger lacks (a crash between a store commit and the ledger write, or a ledger from another machine):
    /// section bullets whose hidden id names a stored item, and current items imported from this file. Their synced
    /// text is the item's current text.
    /// </summary>
    private async Task AddUnrecordedLinksAsync(
        string path,
        IReadOnlyList<MarkdownEntry> entries,
        List<SyncLink> links,
        Dictionary<string, MemoryItem?> items,
        CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            if (entry.ItemId is { } id && !items.ContainsKey(id) && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } item)
            {
                items[id] = item;
                _unrecorded.Add(id);
                links.Add(new SyncLink(path, id, SyncRegion.Section, EntryText.Plain(item.Text), entry.Line));
            }
        }

        for (var offset = 0; ; offset += Page)
        {
            var imported = await store.ListAsync(
                new MemoryListQuery { Viewer = viewer, SourceKind = MemorySourceKind.Import, SourceReference = path, Limit = Page, Offset = offset },
                cancellationToken).ConfigureAwait(false);
            foreach (var item in imported.Where(i => !items.ContainsKey(i.Id)))
            {
                items[item.Id] = item;
                _unrecorded.Add(item.Id);
                links.Add(new SyncLink(path, item.Id, SyncRegion.File, EntryText.Plain(item.Text), item.Source.Line ?? 0));
            }

            if (imported.Count < Page)
            {
                return;
            }
        }
    }

    private async Task PairedAsync(
        string path,
        int index,
        MarkdownEntry entry,
        SyncLink link,
        MemoryItem? item,
        DateTimeOffset now,
        FileImportResult result,
        CancellationToken cancellationToken)
    {
        var current = item is not null && item.IsCurrent(now);
        var fileChanged = !EntryText.Same(entry.Text, link.SyncedText);
        var storeChanged = current && !EntryText.Same(EntryText.Plain(item!.Text), link.SyncedText);
        var region = entry.InSection ? SyncRegion.Section : SyncRegion.File;

        if (!fileChanged)
        {
            if (!current)
            {
                if (!entry.InSection)
                {
                    tally.Notices.Add(new MemorySyncNotice(
                        path,
                        entry.Line,
                        link.ItemId,
                        $"this entry's item was {Ended(item)} in Chitin; Chitin does not edit text outside its section, so update or remove the line yourself."));
                }
            }
            else
            {
                tally.Unchanged++;
                if (storeChanged && !entry.InSection)
                {
                    tally.Notices.Add(new MemorySyncNotice(
                        path,
                        entry.Line,
                        link.ItemId,
                        $"the item was edited in Chitin and now says \"{item!.Text}\"; Chitin does not edit text outside its section, so copy the new text into the line if you want it here."));
                }
            }

            await KeepAsync(link, link.SyncedText, entry.Line, region, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!current || (storeChanged && !EntryText.Same(entry.Text, EntryText.Plain(item!.Text))))
        {
            tally.Conflicts.Add(new MemorySyncConflict(
                path,
                entry.Line,
                link.ItemId,
                current ? MemorySyncConflictKind.EditedInBoth : MemorySyncConflictKind.EditedInFileEndedInStore,
                entry.Text,
                item?.Text,
                link.SyncedText));
            result.Conflicted.Add(index);
            return;
        }

        if (storeChanged)
        {
            // Both sides made the same change.
            tally.Unchanged++;
            await KeepAsync(link, entry.Text, entry.Line, region, cancellationToken).ConfigureAwait(false);
            return;
        }

        var edited = await store.EditAsync(link.ItemId, entry.Text, $"edited in {path}:{entry.Line}", cancellationToken).ConfigureAwait(false);
        await KeepAsync(link, entry.Text, entry.Line, region, cancellationToken).ConfigureAwait(false);
        tally.Updated++;
        progress?.Report(new MemoryImportProgress(path, entry.Line, edited.Id, MemoryImportAction.Updated, entry.Text));
    }

    private static MemoryDraft NewDraft(MemoryFileTarget target, ParsedMemoryFile parsed, MarkdownEntry entry)
    {
        var tags = parsed.FrontMatterTags.Concat(entry.Tags).ToList();
        var (layer, scope) = EntryClassifier.Classify(target.Role, entry.Text, tags);
        return new MemoryDraft
        {
            Text = entry.Text,
            Layer = layer,
            Scope = scope,
            Tags = tags,
            Source = new MemorySource(MemorySourceKind.Import, target.Path, entry.Line),
            ValidFrom = target.Day is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        };
    }

    /// <summary>
    /// Saves the pending new entries as one committed batch, records their links in one ledger transaction, then
    /// reports each: whatever was reported is stored, whenever the import stops.
    /// </summary>
    private async Task SaveNewAsync(
        string path,
        List<(int Index, MarkdownEntry Entry, MemoryDraft Draft)> pending,
        HashSet<string> linked,
        FileImportResult result,
        CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var saved = await store.SaveManyAsync(pending.Select(p => p.Draft).ToList(), viewer, cancellationToken).ConfigureAwait(false);
        var fresh = new bool[pending.Count];
        var links = new List<SyncLink>();
        for (var i = 0; i < pending.Count; i++)
        {
            var (index, entry, _) = pending[i];
            var id = saved[i].Item.Id;
            result.EntryItems[index] = id;

            // Otherwise the same fact is already linked to another entry of this file.
            fresh[i] = linked.Add(id);
            if (fresh[i])
            {
                links.Add(new SyncLink(path, id, entry.InSection ? SyncRegion.Section : SyncRegion.File, entry.Text, entry.Line));
            }
        }

        await ledger.SaveManyAsync(links, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < pending.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Tell(path, pending[i].Entry, saved[i], fresh[i]);
        }

        pending.Clear();
    }

    private void Tell(string path, MarkdownEntry entry, MemorySaveResult saved, bool fresh)
    {
        var id = saved.Item.Id;
        if (!fresh || saved.Action == MemorySaveAction.Duplicate)
        {
            tally.Unchanged++;
            return;
        }

        if (saved.Action == MemorySaveAction.Superseded)
        {
            tally.Superseded++;
            progress?.Report(new MemoryImportProgress(path, entry.Line, id, MemoryImportAction.Superseded, entry.Text));
            return;
        }

        if (saved.Action == MemorySaveAction.Conflict)
        {
            tally.Notices.Add(new MemorySyncNotice(
                path,
                entry.Line,
                id,
                $"stored, but it may contradict {string.Join(", ", saved.ConflictIds)}; settle it with `chitin memory conflicts`."));
        }

        tally.Created++;
        progress?.Report(new MemoryImportProgress(path, entry.Line, id, MemoryImportAction.Created, entry.Text));
    }

    private async Task GoneAsync(string path, SyncLink link, MemoryItem? item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (item is null || !item.IsCurrent(now))
        {
            await ledger.RemoveAsync(path, link.ItemId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!EntryText.Same(EntryText.Plain(item.Text), link.SyncedText))
        {
            tally.Conflicts.Add(new MemorySyncConflict(
                path,
                link.Line,
                link.ItemId,
                MemorySyncConflictKind.RemovedInFileEditedInStore,
                null,
                item.Text,
                link.SyncedText));
            return;
        }

        await store.ForgetAsync(link.ItemId, $"removed from {path}", cancellationToken).ConfigureAwait(false);
        await ledger.RemoveAsync(path, link.ItemId, cancellationToken).ConfigureAwait(false);
        tally.Removed++;
        progress?.Report(new MemoryImportProgress(path, link.Line, link.ItemId, MemoryImportAction.Removed, item.Text));
    }

    private async Task KeepAsync(SyncLink link, string syncedText, int line, SyncRegion region, CancellationToken cancellationToken)
    {
        if (_unrecorded.Contains(link.ItemId) || link.SyncedText != syncedText || link.Line != line || link.Region != region)
        {
            await ledger.SaveAsync(link with { SyncedText = syncedText, Line = line, Region = region }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Ended(MemoryItem? item) =>
        item is null ? "deleted" : item.SupersededBy is { } newer ? $"superseded by {newer}" : item.ValidTo is null ? "expired" : $"ended ({item.EndReason ?? "forgotten"})";
}
