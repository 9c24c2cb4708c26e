namespace Chitin.Memory.Sync;

/// <summary>
/// The export half for one file: rebuilds Chitin's section from the store (bullets the file already had, refreshed or
/// dropped as their items changed, then the items that belong there and are not in the file yet), writes the file
/// atomically only if the section changed, then records what was written in the ledger. Text outside the section is
/// copied through untouched.
/// </summary>
internal sealed class SectionWriter(IMemoryStore store, SyncLedger ledger, TimeProvider time, SyncTally tally)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="target">The file.</param>
    /// <param name="parsed">The file as read (empty when it does not exist yet).</param>
    /// <param name="known">The item of each section entry, and the entries in conflict.</param>
    /// <param name="candidates">Items that belong in this file, oldest first.</param>
    /// <param name="excluded">Items kept out: they already are in the user's text of a file the same agent reads.</param>
    /// <param name="createEmpty">Write the section even with no bullets (an explicit export).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task WriteAsync(
        MemoryFileTarget target,
        ParsedMemoryFile parsed,
        FileImportResult known,
        IEnumerable<MemoryItem> candidates,
        IReadOnlySet<string> excluded,
        bool createEmpty,
        CancellationToken cancellationToken)
    {
        var path = target.Path;
        var now = time.GetUtcNow();
        var links = (await ledger.LinksAsync(path, cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.ItemId, StringComparer.Ordinal);
        var userEntries = parsed.UserEntries.GroupBy(e => EntryText.Key(e.Text)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var bullets = new List<SectionBullet>();
        var rendered = new HashSet<string>(StringComparer.Ordinal);
        var dropped = new List<string>();
        var movedToUserText = new List<SyncLink>();
        var added = 0;
        var refreshed = 0;

        for (var index = 0; index < parsed.Entries.Count; index++)
        {
            var entry = parsed.Entries[index];
            if (!entry.InSection || !known.EntryItems.TryGetValue(index, out var id) || !rendered.Add(id))
            {
                continue;
            }

            if (known.Conflicted.Contains(index))
            {
                bullets.Add(new SectionBullet(id, EntryText.Bullet(entry.Text), null));
                continue;
            }

            var item = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (item is null || !item.IsCurrent(now))
            {
                dropped.Add(id);
                continue;
            }

            if (userEntries.TryGetValue(EntryText.Key(item.Text), out var userEntry))
            {
                // The user wrote the same fact in their own text: that line is the item's entry from now on.
                movedToUserText.Add(new SyncLink(path, id, SyncRegion.File, userEntry.Text, userEntry.Line));
                dropped.Add(id);
                continue;
            }

            if (!EntryText.Same(EntryText.Plain(item.Text), entry.Text))
            {
                refreshed++;
            }

            bullets.Add(new SectionBullet(id, EntryText.Bullet(item.Text), EntryText.Plain(item.Text)));
        }

        foreach (var item in candidates)
        {
            if (!rendered.Contains(item.Id) && !links.ContainsKey(item.Id) && !excluded.Contains(item.Id) && !userEntries.ContainsKey(EntryText.Key(item.Text)))
            {
                rendered.Add(item.Id);
                bullets.Add(new SectionBullet(item.Id, EntryText.Bullet(item.Text), EntryText.Plain(item.Text)));
                added++;
            }
        }

        var text = parsed.Content.Text;
        var section = SectionRenderer.Render(bullets, parsed.NewLine);
        var unchanged = parsed.Section is { } old
            ? text.AsSpan(old.Start, old.End - old.Start).SequenceEqual(section)
            : bullets.Count == 0 && !createEmpty;
        var sectionLine = parsed.Section?.Line ?? 0;
        if (unchanged)
        {
            if (parsed.Content.Exists)
            {
                tally.FilesUnchanged.Add(path);
            }
        }
        else
        {
            var (updated, sectionStart) = SectionRenderer.Splice(text, parsed.Section, section, parsed.NewLine);
            sectionLine = SectionRenderer.LineAt(updated, sectionStart);
            await AtomicFile.WriteAsync(path, Encode(updated, parsed.Content.HasBom), parsed.Content.Exists ? parsed.Content.Bytes : null, cancellationToken).ConfigureAwait(false);
            tally.FilesWritten.Add(path);
            tally.Added += added;
            tally.Refreshed += refreshed;
            tally.Dropped += dropped.Count - movedToUserText.Count;
        }

        tally.Items += bullets.Count;
        await RecordAsync(path, sectionLine, bullets, dropped, movedToUserText, links, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the file is written: the ledger learns what each bullet now says and on which line, and forgets dropped bullets.</summary>
    private async Task RecordAsync(
        string path,
        int sectionLine,
        List<SectionBullet> bullets,
        List<string> dropped,
        List<SyncLink> movedToUserText,
        Dictionary<string, SyncLink> links,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < bullets.Count; i++)
        {
            if (bullets[i].SyncedText is { } synced)
            {
                var link = new SyncLink(path, bullets[i].ItemId, SyncRegion.Section, synced, sectionLine + SectionRenderer.LinesBeforeBullets + i);
                if (!links.TryGetValue(link.ItemId, out var before) || before != link)
                {
                    await ledger.SaveAsync(link, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        foreach (var id in dropped)
        {
            await ledger.RemoveAsync(path, id, cancellationToken).ConfigureAwait(false);
        }

        foreach (var link in movedToUserText)
        {
            await ledger.SaveAsync(link, cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] Encode(string text, bool bom)
    {
        var body = Utf8.GetBytes(text);
        return bom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }
}
