namespace Chitin.Storage.Checkpoints;

/// <summary>
/// The manifests one workspace stored since its last whole one, for skip deltas (as Subversion's FSFS stores
/// revisions): manifest number n is stored as changes from number n with its lowest set bit cleared. A manifest then
/// loads through at most log2(<see cref="Length"/>) deltas, each delta holds the changes of a few turns, and a whole
/// manifest is written once every <see cref="Length"/> changed checkpoints. Only the manifests a later one can be
/// based on are kept (those whose numbers are prefixes of the last one's).
/// </summary>
internal sealed class ManifestChain
{
    public const int Length = 256;

    private readonly List<(int Number, string Hash, Manifest Manifest)> _kept = [];
    private int _next;

    /// <summary>The last manifest stored in this chain, or null before the first.</summary>
    public string? Last => _kept.Count == 0 ? null : _kept[^1].Hash;

    /// <summary>Starts again from <paramref name="hash"/> as number 0.</summary>
    public void Restart(string hash, Manifest manifest)
    {
        _kept.Clear();
        _kept.Add((0, hash, manifest));
        _next = 1;
    }

    /// <summary>What the next manifest is stored against, or null when it is to be stored whole.</summary>
    public (string Hash, Manifest Manifest)? NextBase()
    {
        if (_kept.Count == 0 || _next >= Length)
        {
            return null;
        }

        var number = _next & (_next - 1);
        var basis = _kept.Find(k => k.Number == number);
        return basis.Hash is null ? null : (basis.Hash, basis.Manifest);
    }

    /// <summary>Records the next manifest, stored as <paramref name="hash"/>.</summary>
    public void Add(string hash, Manifest manifest)
    {
        var number = _next & (_next - 1);
        _kept.RemoveAll(k => k.Number > number);
        _kept.Add((_next++, hash, manifest));
    }
}
