namespace Chitin.Storage.Checkpoints;

/// <summary>
/// Per-turn checkpoints of a workspace: content-addressed objects under CHITIN_HOME/checkpoints, a stat index per
/// workspace and, while the process lives, a change journal (see <see cref="WorkspaceRecorder"/>) so a checkpoint
/// looks only at what changed, and one row per turn in the shared database. Rewinds restore files and mark the turns' messages rewound; a rewind is itself a checkpoint.
/// One operation at a time per instance.
/// </summary>
public sealed class WorkspaceCheckpoints : ITurnCheckpoints, IDisposable
{
    private readonly CheckpointOptions _options;
    private readonly ISessionStore _sessions;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, WorkspaceRecorder> _recorders = new(StringComparer.Ordinal);
    private readonly ILogger? _logger;
    private CheckpointTable? _table;
    private bool _pruned;
    private bool _disposed;

    public WorkspaceCheckpoints(CheckpointOptions options, ISessionStore sessions, TimeProvider? time = null, ILogger? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _time = time ?? TimeProvider.System;
        _logger = logger;
        Objects = new ObjectStore(options.ObjectsDirectory);
        Manifests = new ManifestStore(Objects);
    }

    public ObjectStore Objects { get; }

    public CheckpointOptions Options => _options;

    internal TimeProvider Time => _time;

    internal ManifestStore Manifests { get; }

    internal CheckpointTable Table => _table ??= new CheckpointTable(_options.DatabasePath);

    public async Task<TurnCheckpoint?> BeginTurnAsync(string sessionId, string workspace, long lastSequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentException.ThrowIfNullOrEmpty(workspace);
        if (!_options.Enabled)
        {
            return null;
        }

        if (!_pruned)
        {
            _pruned = true;
            await PruneAsync(cancellationToken).ConfigureAwait(false);
        }

        return await LockedAsync(() =>
        {
            var full = Normalize(workspace);
            var scan = ScanLocked(full);
            var id = Table.Insert(new CheckpointRecord
            {
                SessionId = sessionId,
                Workspace = full,
                Kind = CheckpointKind.Turn,
                CreatedAt = _time.GetUtcNow(),
                BeforeManifest = scan.ManifestHash,
                FromSequence = lastSequence,
                StoredBytes = scan.BytesStored,
            });
            return new TurnCheckpoint(id, sessionId, full, scan.Notes);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task EndTurnAsync(TurnCheckpoint checkpoint, long lastSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return LockedAsync(() =>
        {
            var scan = ScanLocked(checkpoint.Workspace);
            Table.Finish(checkpoint.Id, scan.ManifestHash, lastSequence, scan.BytesStored);
            return true;
        }, cancellationToken);
    }

    /// <summary>Records the workspace as it is now (what a checkpoint does), without a checkpoint row. For benchmarks and tests.</summary>
    public Task<ScanResult> ScanAsync(string workspace, CancellationToken cancellationToken) =>
        LockedAsync(() => ScanLocked(Normalize(workspace)), cancellationToken);

    /// <summary>The session's checkpoints, oldest first, each with the files it changed.</summary>
    public Task<IReadOnlyList<CheckpointView>> ListAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return LockedAsync<IReadOnlyList<CheckpointView>>(() =>
        {
            var records = Table.List(sessionId);
            var views = new List<CheckpointView>(records.Count);
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                var after = r.AfterManifest ?? (i + 1 < records.Count ? records[i + 1].BeforeManifest : null);
                var files = after is null ? [] : ManifestDiff.Between(LoadManifest(r.BeforeManifest), LoadManifest(after));
                views.Add(new CheckpointView(i + 1, r, files));
            }

            return views;
        }, cancellationToken);
    }

    /// <summary>
    /// Restores the files and the conversation to how they were before the session's last <paramref name="turns"/>
    /// turns. A rewind counts as a turn: when it is the last one, rewinding one turn undoes it.
    /// </summary>
    /// <exception cref="RewindConflictException">Someone else changed files the rewind would overwrite and <paramref name="force"/> is false.</exception>
    /// <exception cref="CheckpointException">Nothing to rewind, or not that many turns.</exception>
    public async Task<RewindResult> RewindAsync(string sessionId, int turns, bool force, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (turns < 1)
        {
            throw new CheckpointException($"The number of turns to rewind must be at least 1, got {turns}.");
        }

        var messages = await _sessions.LoadMessagesAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var plan = await LockedAsync(() => new Rewinder(this, sessionId, messages).Start(turns, force), cancellationToken).ConfigureAwait(false);
        var (rewound, restored) = (0, 0);
        foreach (var change in plan.Changes.Messages)
        {
            var count = await _sessions.SetRewoundAsync(sessionId, change.From, change.Through, change.Rewound, CancellationToken.None).ConfigureAwait(false);
            (rewound, restored) = change.Rewound ? (rewound + count, restored) : (rewound, restored + count);
        }

        return await LockedAsync(() => plan.Finish(rewound, restored), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Deletes a session's checkpoints (objects only they used go at the next prune).</summary>
    public Task<int> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        LockedAsync(() => Table.DeleteSession(sessionId), cancellationToken);

    /// <summary>
    /// Deletes checkpoints of deleted sessions, older than the configured age, and the oldest beyond the size cap,
    /// then the objects no checkpoint uses. Returns the checkpoints deleted and the bytes freed.
    /// </summary>
    public Task<(int Checkpoints, long BytesFreed)> PruneAsync(CancellationToken cancellationToken) =>
        LockedAsync(() =>
        {
            var deleted = Table.DeleteOrphans();
            if (_options.MaxAge > TimeSpan.Zero)
            {
                deleted += Table.DeleteOlderThan(_time.GetUtcNow() - _options.MaxAge);
            }

            if (_options.MaxTotalBytes > 0)
            {
                deleted += Table.DeleteOldestBeyond(_options.MaxTotalBytes);
            }

            return deleted == 0 ? (0, 0L) : (deleted, SweepLocked());
        }, cancellationToken);

    public Task<CheckpointUsage> UsageAsync(CancellationToken cancellationToken) =>
        LockedAsync(() =>
        {
            var (checkpoints, sessions, _) = Table.Totals();
            var (objects, bytes) = Objects.Usage();
            return new CheckpointUsage(checkpoints, sessions, objects, bytes, _options.Root);
        }, cancellationToken);

    /// <summary>Why <paramref name="workspace"/> has no change journal in this process (its checkpoints walk it), or null.</summary>
    public string? JournalOff(string workspace) =>
        _recorders.GetValueOrDefault(Normalize(workspace))?.JournalOff ?? (_options.UseJournal ? null : "switched off");

    /// <summary>How the scans of <paramref name="workspace"/> in this process went: whole walks, and scans the change journal answered.</summary>
    public (int Walks, int JournalScans) ScanCounts(string workspace) =>
        _recorders.GetValueOrDefault(Normalize(workspace)) is { } r ? (r.Walks, r.JournalScans) : (0, 0);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _gate.Wait();
        try
        {
            foreach (var recorder in _recorders.Values)
            {
                recorder.Dispose();
            }

            _recorders.Clear();
            _table?.Dispose();
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    internal ScanResult ScanLocked(string workspace)
    {
        if (!_recorders.TryGetValue(workspace, out var recorder))
        {
            recorder = new WorkspaceRecorder(Objects, Manifests, _options, workspace, IndexPath(workspace), _logger);
            _recorders[workspace] = recorder;
        }

        return recorder.Scan();
    }

    internal Manifest LoadManifest(string hash) => Manifests.Load(hash);

    private long SweepLocked()
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hash in Table.ManifestHashes())
        {
            if (!Objects.Contains(hash))
            {
                continue;
            }

            keep.Add(hash);
            keep.UnionWith(Manifests.ChainOf(hash));
            foreach (var entry in LoadManifest(hash).Entries)
            {
                if (entry.Kind == EntryKind.File)
                {
                    keep.Add(entry.Content);
                }
            }
        }

        var freed = Objects.Sweep(keep, _time.GetUtcNow().UtcDateTime - _options.SweepGrace);

        // The stat indexes may name objects just swept: the next scan of each workspace reads every file again.
        foreach (var recorder in _recorders.Values)
        {
            recorder.Forget();
        }

        if (Directory.Exists(_options.IndexDirectory))
        {
            Directory.Delete(_options.IndexDirectory, recursive: true);
        }

        return freed;
    }

    private string IndexPath(string workspace) =>
        Path.Combine(_options.IndexDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(workspace)))[..24] + ".idx");

    private static string Normalize(string workspace) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspace));

    private async Task<T> LockedAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }
}
