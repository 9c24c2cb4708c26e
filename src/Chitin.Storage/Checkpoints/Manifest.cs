namespace Chitin.Storage.Checkpoints;

/// <summary>
/// The state of a workspace at one moment: every path that is not ignored, sorted by ordinal path. Stored as an
/// object itself (one line per entry), whole or as the changes from an earlier manifest (see <see cref="ManifestStore"/>),
/// so identical states share one copy and a turn that changed nothing stores nothing.
/// </summary>
public sealed class Manifest
{
    public static Manifest Empty { get; } = new([]);

    /// <param name="entries">Sorted by ordinal path, each path once.</param>
    public Manifest(IReadOnlyList<ManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
    }

    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>The manifests this one's stored form is built on, nearest first (empty when stored whole).</summary>
    internal IReadOnlyList<string> Bases { get; set; } = [];

    /// <summary>The entry at <paramref name="path"/> (a binary search: no index to build for each new manifest).</summary>
    public ManifestEntry? Find(string path)
    {
        var (low, high) = (0, Entries.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(Entries[middle].Path, path);
            if (order == 0)
            {
                return Entries[middle];
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    public byte[] Serialize()
    {
        var text = new StringBuilder(Entries.Count * 96);
        foreach (var e in Entries)
        {
            Append(text, e);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static Manifest Parse(ReadOnlySpan<byte> data)
    {
        var entries = new List<ManifestEntry>();
        foreach (var line in Encoding.UTF8.GetString(data).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            entries.Add(ParseLine(line) ?? throw new InvalidDataException($"A checkpoint manifest line is malformed: '{line}'."));
        }

        return new Manifest(entries);
    }

    /// <summary>
    /// This manifest with <paramref name="changes"/> applied: each path, sorted by ordinal, set to its entry or
    /// removed when the entry is null.
    /// </summary>
    internal Manifest With(IReadOnlyList<KeyValuePair<string, ManifestEntry?>> changes)
    {
        var merged = new List<ManifestEntry>(Entries.Count + changes.Count);
        var (i, j) = (0, 0);
        while (i < Entries.Count || j < changes.Count)
        {
            var order = i == Entries.Count ? 1 : j == changes.Count ? -1 : string.CompareOrdinal(Entries[i].Path, changes[j].Key);
            if (order < 0)
            {
                merged.Add(Entries[i++]);
                continue;
            }

            if (changes[j].Value is { } entry)
            {
                merged.Add(entry);
            }

            i += order == 0 ? 1 : 0;
            j++;
        }

        return new Manifest(merged);
    }

    internal static void Append(StringBuilder text, ManifestEntry e) =>
        text.Append(Code(e.Kind)).Append('\t')
            .Append(e.Mode.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(e.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(e.Content).Append('\t')
            .Append(e.Path).Append('\n');

    /// <summary>One entry line, or null when it does not have five fields.</summary>
    internal static ManifestEntry? ParseLine(string line)
    {
        var parts = line.Split('\t', 5);
        return parts.Length != 5 ? null : new ManifestEntry(
            parts[4],
            Kind(parts[0]),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            parts[3]);
    }

    private static char Code(EntryKind kind) => kind switch
    {
        EntryKind.File => 'f',
        EntryKind.Directory => 'd',
        EntryKind.Link => 'l',
        _ => 's',
    };

    private static EntryKind Kind(string code) => code switch
    {
        "f" => EntryKind.File,
        "d" => EntryKind.Directory,
        "l" => EntryKind.Link,
        "s" => EntryKind.Skipped,
        _ => throw new InvalidDataException($"Unknown checkpoint entry kind '{code}'."),
    };
}
