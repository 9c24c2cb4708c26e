namespace Chitin.Memory.Retrieval;

/// <summary>
/// Every stored vector, L2-normalised and quantised to int8 (<see cref="QuantizedVector"/>), in one contiguous
/// row-major matrix with compact per-row metadata; loaded at the first vector search and kept in
/// step with each committed change. Search is a brute-force scan: rows the <see cref="ItemFilter"/> rejects are
/// skipped, the others are scored with a SIMD dot product (cosine, since rows and query are unit vectors) and the best
/// k kept in a heap. Not thread-safe: the store calls it under its lock.
/// </summary>
internal sealed class VectorIndex
{
    private const int InitialCapacity = 1024;
    private const int MissingKey = -2;
    private const int NoKey = -1;

    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly Dictionary<long, int> _rowOf = [];
    private sbyte[] _matrix = [];
    private float[] _scales = [];
    private Row[] _rows = [];

    public int Count { get; private set; }

    /// <summary>Length of every row; 0 until the first vector arrives.</summary>
    public int Dimensions { get; private set; }

    public bool Contains(long itemNo) => _rowOf.ContainsKey(itemNo);

    public void Upsert(long itemNo, ReadOnlySpan<float> vector, VectorEntry entry) => Upsert(itemNo, QuantizedVector.From(vector), entry);

    /// <summary>Adds or replaces an item's vector. A vector of another length than the others is refused.</summary>
    public void Upsert(long itemNo, QuantizedVector vector, VectorEntry entry)
    {
        var length = vector.Values.Length;
        if (length == 0)
        {
            throw new ArgumentException("An empty vector cannot be indexed.", nameof(vector));
        }

        if (Dimensions == 0)
        {
            Dimensions = length;
        }
        else if (length != Dimensions)
        {
            throw new ArgumentException($"The vector has {length} dimensions; the index holds {Dimensions}-dimensional vectors.", nameof(vector));
        }

        if (!_rowOf.TryGetValue(itemNo, out var row))
        {
            EnsureCapacity(Count + 1);
            row = Count++;
            _rowOf[itemNo] = row;
        }

        vector.Values.CopyTo(_matrix.AsSpan(row * Dimensions, Dimensions));
        _scales[row] = vector.Scale;
        _rows[row] = ToRow(itemNo, entry);
    }

    /// <summary>Updates what filtering and weighting know about an item (ended, pinned, expiry) without touching its vector.</summary>
    public void SetEntry(long itemNo, VectorEntry entry)
    {
        if (_rowOf.TryGetValue(itemNo, out var row))
        {
            _rows[row] = ToRow(itemNo, entry);
        }
    }

    public void Remove(long itemNo)
    {
        if (!_rowOf.Remove(itemNo, out var row))
        {
            return;
        }

        var last = Count - 1;
        if (row != last)
        {
            _matrix.AsSpan(last * Dimensions, Dimensions).CopyTo(_matrix.AsSpan(row * Dimensions, Dimensions));
            _scales[row] = _scales[last];
            _rows[row] = _rows[last];
            _rowOf[_rows[row].ItemNo] = row;
        }

        _rows[last] = default;
        Count--;
    }

    /// <summary>The <paramref name="k"/> visible items most similar to <paramref name="query"/> with a positive cosine, best first.</summary>
    public List<RankedCandidate> Search(ReadOnlySpan<float> query, ItemFilter filter, int k)
    {
        var results = new List<RankedCandidate>();
        if (Count == 0 || k <= 0 || query.Length != Dimensions)
        {
            return results;
        }

        var (quantized, queryScale) = QuantizedVector.From(query);
        if (queryScale <= 0)
        {
            return results;
        }

        var visibility = Visibility.For(filter, this);
        var best = new PriorityQueue<int, (float Score, long ItemNo)>(k + 1, WorstFirst.Instance);
        for (var row = 0; row < Count; row++)
        {
            ref readonly var meta = ref _rows[row];
            if (!visibility.Allows(in meta))
            {
                continue;
            }

            var score = Int8Vectors.Dot(quantized, _matrix.AsSpan(row * Dimensions, Dimensions)) * _scales[row] * queryScale;
            if (score <= 0)
            {
                continue;
            }

            if (best.Count < k)
            {
                best.Enqueue(row, (score, meta.ItemNo));
            }
            else if (best.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((score, meta.ItemNo), worst) > 0)
            {
                best.DequeueEnqueue(row, (score, meta.ItemNo));
            }
        }

        while (best.TryDequeue(out var row, out var priority))
        {
            results.Add(new RankedCandidate(priority.ItemNo, priority.Score, ToEntry(in _rows[row])));
        }

        results.Reverse();
        return results;
    }

    private int KeyId(string? key)
    {
        if (key is null)
        {
            return NoKey;
        }

        if (!_keyIds.TryGetValue(key, out var id))
        {
            id = _keys.Count;
            _keyIds[key] = id;
            _keys.Add(key);
        }

        return id;
    }

    private int ExistingKeyId(string? key) => key is not null && _keyIds.TryGetValue(key, out var id) ? id : MissingKey;

    private string? KeyOf(int id) => id < 0 ? null : _keys[id];

    private Row ToRow(long itemNo, VectorEntry entry) => new(
        itemNo,
        entry.Scope,
        KeyId(entry.ScopeKey),
        entry.Layer,
        KeyId(entry.OriginSession),
        entry.ValidFrom.UtcTicks,
        entry.Ended,
        entry.ExpiresAt?.UtcTicks ?? long.MaxValue,
        entry.Pinned);

    private VectorEntry ToEntry(in Row row) => new(
        row.Scope,
        KeyOf(row.ScopeKeyId) ?? "",
        row.Layer,
        KeyOf(row.OriginSessionId),
        new DateTimeOffset(row.ValidFromTicks, TimeSpan.Zero),
        row.Ended,
        row.ExpiresTicks == long.MaxValue ? null : new DateTimeOffset(row.ExpiresTicks, TimeSpan.Zero),
        row.Pinned);

    private void EnsureCapacity(int rows)
    {
        if (rows <= _rows.Length)
        {
            return;
        }

        var capacity = Math.Max(InitialCapacity, _rows.Length * 2);
        while (capacity < rows)
        {
            capacity *= 2;
        }

        Array.Resize(ref _rows, capacity);
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _matrix, capacity * Dimensions);
    }

    private readonly record struct Row(
        long ItemNo,
        MemoryScope Scope,
        int ScopeKeyId,
        MemoryLayer Layer,
        int OriginSessionId,
        long ValidFromTicks,
        bool Ended,
        long ExpiresTicks,
        bool Pinned);

    /// <summary>The <see cref="ItemFilter"/> resolved to interned ids once per search, so each row costs a few integer compares.</summary>
    private readonly struct Visibility
    {
        private readonly bool _includeHistory;
        private readonly bool[] _scopes;
        private readonly bool[] _layers;
        private readonly bool _hasViewer;
        private readonly int _workspace;
        private readonly int _agent;
        private readonly int _session;
        private readonly int? _scopeKey;
        private readonly long _nowTicks;

        private Visibility(ItemFilter filter, VectorIndex index)
        {
            _includeHistory = filter.IncludeHistory;
            _scopes = Enum.GetValues<MemoryScope>().Select(filter.AllowsScope).ToArray();
            _layers = Enum.GetValues<MemoryLayer>().Select(filter.AllowsLayer).ToArray();
            _hasViewer = filter.Viewer is not null;
            _workspace = index.ExistingKeyId(filter.ViewerWorkspace);
            _agent = index.ExistingKeyId(filter.Viewer?.Agent);
            _session = index.ExistingKeyId(filter.ViewerSession);
            _scopeKey = filter.ScopeKey is null ? null : index.ExistingKeyId(filter.ScopeKey);
            _nowTicks = filter.Now.UtcTicks;
        }

        public static Visibility For(ItemFilter filter, VectorIndex index) => new(filter, index);

        public bool Allows(in Row row)
        {
            if (_hasViewer)
            {
                var visible = row.Scope switch
                {
                    MemoryScope.User => true,
                    MemoryScope.Project => row.ScopeKeyId == _workspace,
                    MemoryScope.Agent => row.ScopeKeyId == _agent,
                    MemoryScope.Session => row.ScopeKeyId == _session,
                    _ => false,
                };
                if (!visible || (row.Layer == MemoryLayer.Working && (row.OriginSessionId != _session || _session == MissingKey)))
                {
                    return false;
                }
            }

            if (_scopeKey is { } key && row.ScopeKeyId != key)
            {
                return false;
            }

            if (!_includeHistory && (row.Ended || row.ExpiresTicks <= _nowTicks))
            {
                return false;
            }

            return _scopes[(int)row.Scope] && _layers[(int)row.Layer];
        }
    }

    /// <summary>Orders the heap so its top is the worst kept result: lower score first, then older item.</summary>
    private sealed class WorstFirst : IComparer<(float Score, long ItemNo)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, long ItemNo) x, (float Score, long ItemNo) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : x.ItemNo.CompareTo(y.ItemNo);
        }
    }
}
