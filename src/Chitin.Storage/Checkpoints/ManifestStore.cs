namespace Chitin.Storage.Checkpoints;

/// <summary>
/// Manifests in the object store, with a small cache. A manifest close to an earlier one is stored as that one's
/// hash plus the changed lines ("@\tBASE" first, then entry lines, "-\t\t\t\tPATH" for a removed path), so a turn
/// that changed 10 files of 10,000 stores a few kilobytes instead of the whole list. Which earlier one is the
/// base is <see cref="ManifestChain"/>'s choice; past <see cref="MaxChain"/> deltas to load, or when the changes are
/// a large part of the whole, the manifest is stored whole.
/// </summary>
internal sealed class ManifestStore(ObjectStore objects)
{
    public const int MaxChain = 32;

    private const int CacheSize = 64;

    private readonly Dictionary<string, Manifest> _cache = new(StringComparer.Ordinal);

    public Manifest? Cached(string hash) => _cache.GetValueOrDefault(hash);

    /// <exception cref="FileNotFoundException">The manifest, or one it is built on, was expired or deleted.</exception>
    public Manifest Load(string hash)
    {
        if (_cache.TryGetValue(hash, out var cached))
        {
            return cached;
        }

        var data = objects.Get(hash);
        Manifest manifest;
        if (data.AsSpan().StartsWith("@\t"u8))
        {
            var text = Encoding.UTF8.GetString(data);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var baseHash = lines[0][2..];
            var basis = Load(baseHash);
            var changes = new List<KeyValuePair<string, ManifestEntry?>>(lines.Length - 1);
            foreach (var line in lines.AsSpan(1))
            {
                changes.Add(line.StartsWith("-\t", StringComparison.Ordinal)
                    ? new(line[(line.LastIndexOf('\t') + 1)..], null)
                    : Manifest.ParseLine(line) is { } entry ? new(entry.Path, entry) : throw new InvalidDataException($"A checkpoint manifest line is malformed: '{line}'."));
            }

            manifest = basis.With(changes);
            manifest.Bases = [baseHash, .. basis.Bases];
        }
        else
        {
            manifest = Manifest.Parse(data);
        }

        Remember(hash, manifest);
        return manifest;
    }

    /// <summary>
    /// The manifests <paramref name="hash"/>'s stored form is built on, nearest first, read from the objects' first
    /// lines alone (exact even for a manifest built in memory from a walk).
    /// </summary>
    public IReadOnlyList<string> ChainOf(string hash)
    {
        var chain = new List<string>();
        for (var start = objects.GetStart(hash, 66); start.AsSpan().StartsWith("@\t"u8); start = objects.GetStart(chain[^1], 66))
        {
            var basis = Encoding.ASCII.GetString(start, 2, start.Length - 2);
            if (basis.Length != 64 || chain.Count > 4096)
            {
                throw new InvalidDataException($"Checkpoint manifest {hash} has a malformed base line.");
            }

            chain.Add(basis);
        }

        return chain;
    }

    public void Remember(string hash, Manifest manifest)
    {
        if (_cache.Count >= CacheSize && !_cache.ContainsKey(hash))
        {
            _cache.Clear();
        }

        _cache[hash] = manifest;
    }

    /// <summary>
    /// Stores <paramref name="manifest"/>, the state after <paramref name="previousHash"/>, as changes from a manifest
    /// of <paramref name="chain"/> when that is close enough, otherwise whole; returns its hash and the bytes newly written.
    /// </summary>
    public (string Hash, long Written) Put(Manifest manifest, string? previousHash, ManifestChain chain)
    {
        if (previousHash is not null && !string.Equals(chain.Last, previousHash, StringComparison.Ordinal) && TryLoad(previousHash) is { } previous)
        {
            chain.Restart(previousHash, previous);
        }

        // The base and its own bases are touched first: a sweep elsewhere must not take them while this delta is new.
        if (chain.NextBase() is { } next && next.Manifest.Bases.Count < MaxChain && objects.Touch(next.Hash) && next.Manifest.Bases.All(objects.Touch))
        {
            var (baseHash, basis) = next;
            var changes = Changes(basis, manifest);
            if (changes.Count == 0)
            {
                chain.Add(baseHash, basis);
                return (baseHash, 0);
            }

            if (changes.Count <= Math.Max(256, manifest.Entries.Count / 16))
            {
                var text = new StringBuilder(64 + (changes.Count * 100)).Append("@\t").Append(baseHash).Append('\n');
                foreach (var (path, entry) in changes)
                {
                    if (entry is null)
                    {
                        text.Append("-\t\t\t\t").Append(path).Append('\n');
                    }
                    else
                    {
                        Manifest.Append(text, entry);
                    }
                }

                var (hash, written) = objects.Put(Encoding.UTF8.GetBytes(text.ToString()));
                manifest.Bases = [baseHash, .. basis.Bases];
                Remember(hash, manifest);
                chain.Add(hash, manifest);
                return (hash, written);
            }
        }

        var whole = objects.Put(manifest.Serialize());
        manifest.Bases = [];
        Remember(whole.Hash, manifest);
        chain.Restart(whole.Hash, manifest);
        return whole;
    }

    /// <summary>The paths whose entries differ, sorted, each with its entry in <paramref name="after"/> (null when gone).</summary>
    public static List<KeyValuePair<string, ManifestEntry?>> Changes(Manifest before, Manifest after)
    {
        var changes = new List<KeyValuePair<string, ManifestEntry?>>();
        var (a, b) = (before.Entries, after.Entries);
        var (i, j) = (0, 0);
        while (i < a.Count || j < b.Count)
        {
            var order = i == a.Count ? 1 : j == b.Count ? -1 : string.CompareOrdinal(a[i].Path, b[j].Path);
            if (order < 0)
            {
                changes.Add(new(a[i++].Path, null));
            }
            else if (order > 0)
            {
                changes.Add(new(b[j].Path, b[j++]));
            }
            else
            {
                if (!ReferenceEquals(a[i], b[j]) && !a[i].SameAs(b[j]))
                {
                    changes.Add(new(b[j].Path, b[j]));
                }

                i++;
                j++;
            }
        }

        return changes;
    }

    private Manifest? TryLoad(string hash)
    {
        try
        {
            return Load(hash);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
        {
            return null;
        }
    }
}
