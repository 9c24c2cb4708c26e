namespace Chitin.Memory.Sync;

/// <summary>
/// Matches the entries now in a file with the items synced from it last time, in three passes: by hidden id, by the
/// same text, then by similar text (an edit). Ties prefer the same region (the user's text or Chitin's section) and the
/// nearest line, so a repeated bullet and a bullet edited in place pair with the right item.
/// </summary>
internal static class EntryMatcher
{
    /// <summary>How alike (see <see cref="EntryText.Similarity(string, string)"/>) an edited entry must stay to its old text to count as the same entry.</summary>
    public const double EditThreshold = 0.5;

    /// <summary>Above this many unmatched pairs (a file rewritten wholesale), only entries within <see cref="NearLines"/> lines are compared.</summary>
    private const long AllPairsBudget = 250_000;

    private const int NearLines = 40;

    public static EntryMatches Match(IReadOnlyList<MarkdownEntry> entries, IReadOnlyList<SyncLink> links)
    {
        var entryLink = new int?[entries.Count];
        var linkTaken = new bool[links.Count];
        var pairs = new List<EntryPair>();

        void Pair(int entry, int link, MatchKind kind)
        {
            entryLink[entry] = link;
            linkTaken[link] = true;
            pairs.Add(new EntryPair(entry, link, kind));
        }

        var linkById = new Dictionary<string, int>(StringComparer.Ordinal);
        var linksByKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var l = 0; l < links.Count; l++)
        {
            linkById.TryAdd(links[l].ItemId, l);
            var key = EntryText.Key(links[l].SyncedText);
            if (!linksByKey.TryGetValue(key, out var sameKey))
            {
                linksByKey[key] = sameKey = [];
            }

            sameKey.Add(l);
        }

        for (var e = 0; e < entries.Count; e++)
        {
            if (entries[e].ItemId is { } id && linkById.TryGetValue(id, out var byId) && !linkTaken[byId])
            {
                Pair(e, byId, MatchKind.Id);
            }
        }

        for (var e = 0; e < entries.Count; e++)
        {
            if (entryLink[e] is null && linksByKey.TryGetValue(EntryText.Key(entries[e].Text), out var sameKey))
            {
                var entry = entries[e];
                var best = sameKey.Where(l => !linkTaken[l]).OrderBy(l => Distance(entry, links[l])).FirstOrDefault(-1);
                if (best >= 0)
                {
                    Pair(e, best, MatchKind.Same);
                }
            }
        }

        foreach (var (e, l) in Similar(entries, links, entryLink, linkTaken))
        {
            Pair(e, l, MatchKind.Similar);
        }

        return new EntryMatches(
            pairs.OrderBy(p => p.Entry).ToList(),
            Enumerable.Range(0, entries.Count).Where(e => entryLink[e] is null).ToList(),
            Enumerable.Range(0, links.Count).Where(l => !linkTaken[l]).ToList());
    }

    /// <summary>Greedy pairing of the still unmatched entries and links, most similar first.</summary>
    private static List<(int Entry, int Link)> Similar(IReadOnlyList<MarkdownEntry> entries, IReadOnlyList<SyncLink> links, int?[] entryLink, bool[] linkTaken)
    {
        var openEntries = Enumerable.Range(0, entries.Count).Where(e => entryLink[e] is null).ToList();
        var openLinks = Enumerable.Range(0, links.Count).Where(l => !linkTaken[l]).ToList();
        if (openEntries.Count == 0 || openLinks.Count == 0)
        {
            // Nothing to pair (a first import, or every link already matched): skip the per-entry features.
            return [];
        }

        var nearOnly = (long)openEntries.Count * openLinks.Count > AllPairsBudget;
        var entryFeatures = openEntries.ToDictionary(e => e, e => EntryText.Features.Of(entries[e].Text));
        var linkFeatures = openLinks.ToDictionary(l => l, l => EntryText.Features.Of(links[l].SyncedText));
        var candidates = new List<(int Entry, int Link, double Score, int Distance)>();
        foreach (var e in openEntries)
        {
            foreach (var l in openLinks)
            {
                if (nearOnly && Math.Abs(entries[e].Line - links[l].Line) > NearLines)
                {
                    continue;
                }

                var score = EntryText.Similarity(entryFeatures[e], linkFeatures[l]);
                if (score >= EditThreshold)
                {
                    candidates.Add((e, l, score, Distance(entries[e], links[l])));
                }
            }
        }

        var pairedEntries = new HashSet<int>();
        var pairedLinks = new HashSet<int>();
        var result = new List<(int Entry, int Link)>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Distance))
        {
            if (!pairedEntries.Contains(candidate.Entry) && !pairedLinks.Contains(candidate.Link))
            {
                pairedEntries.Add(candidate.Entry);
                pairedLinks.Add(candidate.Link);
                result.Add((candidate.Entry, candidate.Link));
            }
        }

        return result;
    }

    /// <summary>Lines apart, with a large penalty for being in the other region.</summary>
    private static int Distance(MarkdownEntry entry, SyncLink link) =>
        Math.Abs(entry.Line - link.Line) + ((link.Region == SyncRegion.Section) == entry.InSection ? 0 : 1_000_000);
}
