using System.Globalization;
using System.Text;

namespace Chitin.Storage.Checkpoints;

/// <summary>
/// The state of a workspace at one moment: every path that is not ignored, sorted by ordinal path. Stored as an
/// object itself (one line per entry), so identical states share one copy and a turn that changed nothing stores nothing.
/// </summary>
public sealed class Manifest
{
    public static Manifest Empty { get; } = new([]);

    private readonly Dictionary<string, ManifestEntry> _byPath;

    public Manifest(IReadOnlyList<ManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _byPath = new Dictionary<string, ManifestEntry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _byPath[entry.Path] = entry;
        }
    }

    public IReadOnlyList<ManifestEntry> Entries { get; }

    public ManifestEntry? Find(string path) => _byPath.GetValueOrDefault(path);

    public byte[] Serialize()
    {
        var text = new StringBuilder(Entries.Count * 96);
        foreach (var e in Entries)
        {
            text.Append(Code(e.Kind)).Append('\t')
                .Append(e.Mode.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(e.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(e.Content).Append('\t')
                .Append(e.Path).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static Manifest Parse(ReadOnlySpan<byte> data)
    {
        var entries = new List<ManifestEntry>();
        foreach (var line in Encoding.UTF8.GetString(data).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', 5);
            if (parts.Length != 5)
            {
                throw new InvalidDataException($"A checkpoint manifest line is malformed: '{line}'.");
            }

            entries.Add(new ManifestEntry(
                parts[4],
                Kind(parts[0]),
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                long.Parse(parts[2], CultureInfo.InvariantCulture),
                parts[3]));
        }

        return new Manifest(entries);
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
