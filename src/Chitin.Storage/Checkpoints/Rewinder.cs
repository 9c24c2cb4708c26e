namespace Chitin.Storage.Checkpoints;

/// <summary>
/// One rewind, run under the checkpoints' lock: picks the last N active checkpoints, stops on files changed by
/// someone else, records the workspace as it is (so the rewind can be undone), restores the files and works out
/// which messages change. The caller marks the messages, then <see cref="Finish"/> records the result.
/// </summary>
internal sealed class Rewinder(WorkspaceCheckpoints owner, string sessionId, long lastSequence)
{
    private readonly List<MessageChange> _messages = [];
    private readonly List<EntryChange> _entries = [];
    private CheckpointRecord? _rewind;
    private WorkspaceRestorer? _restorer;
    private int _turns;
    private long _stored;

    public RewindChanges Changes => new(_messages, _entries);

    public Rewinder Start(int turns, bool force)
    {
        var records = owner.Table.List(sessionId);
        var active = records.Where(r => r.IsActive).ToList();
        if (active.Count == 0)
        {
            throw new CheckpointException($"Session '{sessionId}' has no checkpoint to rewind. Checkpoints are taken before each turn that may write; see 'chitin sessions checkpoints {sessionId}'.");
        }

        if (turns > active.Count)
        {
            throw new CheckpointException($"Session '{sessionId}' has {active.Count} turn(s) that can be rewound, not {turns}. See 'chitin sessions checkpoints {sessionId}'.");
        }

        var span = active[^turns..];
        var workspace = span[0].Workspace;
        if (span.Any(r => !string.Equals(r.Workspace, workspace, StringComparison.Ordinal)))
        {
            throw new CheckpointException($"The last {turns} turns of session '{sessionId}' ran in different workspaces; rewind fewer turns at a time.");
        }

        var current = owner.ScanLocked(workspace);
        var target = owner.LoadManifest(span[0].BeforeManifest);
        if (!force)
        {
            CheckConflicts(span, current, target);
        }

        _turns = turns;
        _stored = current.BytesStored;
        _rewind = new CheckpointRecord
        {
            SessionId = sessionId,
            Workspace = workspace,
            Kind = CheckpointKind.Rewind,
            CreatedAt = owner.Time.GetUtcNow(),
            BeforeManifest = current.ManifestHash,
            FromSequence = lastSequence,
            ThroughSequence = lastSequence,
        };
        var id = owner.Table.Insert(_rewind);
        _rewind = _rewind with { Id = id };

        _restorer = new WorkspaceRestorer(owner.Objects, workspace);
        _restorer.Apply(current.Manifest, target);

        for (var i = span.Count - 1; i >= 0; i--)
        {
            Undo(span[i], records);
        }

        foreach (var change in _entries)
        {
            owner.Table.SetRewoundBy(change.Id, change.After);
        }

        return this;
    }

    public RewindResult Finish(int messagesRewound, int messagesRestored)
    {
        var rewind = _rewind ?? throw new InvalidOperationException("Start the rewind first.");
        var after = owner.ScanLocked(rewind.Workspace);
        owner.Table.Finish(rewind.Id, after.ManifestHash, lastSequence, _stored + after.BytesStored, Changes);
        return new RewindResult(sessionId, rewind.Id, _turns, _restorer!.Changes, messagesRewound, messagesRestored, _restorer.Notes);
    }

    /// <summary>
    /// Files the rewind would change that also changed outside a turn: between one checkpoint's end and the next
    /// one's start, or since the last one ended.
    /// </summary>
    private void CheckConflicts(IReadOnlyList<CheckpointRecord> span, ScanResult current, Manifest target)
    {
        var touched = ManifestDiff.Between(current.Manifest, target).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var outside = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < span.Count; i++)
        {
            if (span[i].AfterManifest is not { } after)
            {
                continue;
            }

            var next = i + 1 < span.Count ? span[i + 1].BeforeManifest : current.ManifestHash;
            if (string.Equals(after, next, StringComparison.Ordinal))
            {
                continue;
            }

            var nextManifest = i + 1 < span.Count ? owner.LoadManifest(next) : current.Manifest;
            foreach (var change in ManifestDiff.Between(owner.LoadManifest(after), nextManifest))
            {
                if (touched.Contains(change.Path))
                {
                    outside.Add(change.Path);
                }
            }
        }

        if (outside.Count > 0)
        {
            throw new RewindConflictException([.. outside]);
        }
    }

    private void Undo(CheckpointRecord record, List<CheckpointRecord> all)
    {
        if (record.Kind == CheckpointKind.Turn)
        {
            var through = record.ThroughSequence
                ?? all.FirstOrDefault(r => r.Id > record.Id)?.FromSequence
                ?? lastSequence;
            if (through > record.FromSequence)
            {
                _messages.Add(new MessageChange(record.FromSequence + 1, through, Rewound: true));
            }
        }
        else
        {
            // Rewinding a rewind: apply the inverse of what it did, newest change first.
            for (var i = record.Changes.Messages.Count - 1; i >= 0; i--)
            {
                var m = record.Changes.Messages[i];
                _messages.Add(m with { Rewound = !m.Rewound });
            }

            for (var i = record.Changes.Entries.Count - 1; i >= 0; i--)
            {
                var e = record.Changes.Entries[i];
                _entries.Add(new EntryChange(e.Id, e.After, e.Before));
            }
        }

        _entries.Add(new EntryChange(record.Id, record.RewoundBy, _rewind!.Id));
    }
}
