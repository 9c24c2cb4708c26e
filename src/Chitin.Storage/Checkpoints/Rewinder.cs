namespace Chitin.Storage.Checkpoints;

/// <summary>
/// One rewind, run under the checkpoints' lock. Rewinding N turns goes back to before the Nth-last active
/// checkpoint: its files, and a conversation whose later messages are marked rewound. When the last active
/// checkpoint is itself a rewind, rewinding one turn undoes that rewind instead (both then count as cancelled).
/// The workspace is recorded first, so every rewind can be undone; what it changed is stored as exact
/// before/after values of message flags and checkpoint states.
/// </summary>
internal sealed class Rewinder(WorkspaceCheckpoints owner, string sessionId, IReadOnlyList<SessionMessage> messages)
{
    private readonly long _lastSequence = messages.Count == 0 ? 0 : messages[^1].Sequence;
    private RewindChanges _changes = RewindChanges.None;
    private CheckpointRecord? _rewind;
    private WorkspaceRestorer? _restorer;
    private int _turns;
    private long _stored;

    public RewindChanges Changes => _changes;

    /// <exception cref="CheckpointException">Nothing (or not that much) to rewind, or files changed by someone else.</exception>
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
            // Every checkpoint since the target, rewound ones included: all of them are the agent's own changes.
            CheckConflicts([.. records.Where(r => r.Id >= span[0].Id)], current, target);
        }

        _turns = turns;
        _stored = current.BytesStored;
        var rewind = new CheckpointRecord
        {
            SessionId = sessionId,
            Workspace = workspace,
            Kind = CheckpointKind.Rewind,
            CreatedAt = owner.Time.GetUtcNow(),
            BeforeManifest = current.ManifestHash,
            FromSequence = _lastSequence,
            ThroughSequence = _lastSequence,
        };
        _rewind = rewind with { Id = owner.Table.Insert(rewind) };

        _restorer = new WorkspaceRestorer(owner.Objects, workspace);
        _restorer.Apply(current.Manifest, target);

        _changes = Plan(span[0], undo: turns == 1 && span[0].Kind == CheckpointKind.Rewind, records);
        foreach (var change in _changes.Entries)
        {
            owner.Table.SetRewoundBy(change.Id, change.After);
        }

        return this;
    }

    public RewindResult Finish(int messagesRewound, int messagesRestored)
    {
        var rewind = _rewind ?? throw new InvalidOperationException("Start the rewind first.");
        var after = owner.ScanLocked(rewind.Workspace);
        owner.Table.Finish(rewind.Id, after.ManifestHash, _lastSequence, _stored + after.BytesStored, _changes);
        return new RewindResult(sessionId, rewind.Id, _turns, _restorer!.Changes, messagesRewound, messagesRestored, _restorer.Notes);
    }

    /// <summary>The message flags and checkpoint states after the rewind, as exact changes from the current ones.</summary>
    private RewindChanges Plan(CheckpointRecord target, bool undo, IReadOnlyList<CheckpointRecord> records)
    {
        var rewindId = _rewind!.Id;
        var flags = messages.ToDictionary(m => m.Sequence, m => m.Rewound);
        var states = records.ToDictionary(r => r.Id, r => r.RewoundBy);
        var (oldFlags, oldStates) = (new Dictionary<long, bool>(flags), new Dictionary<long, long?>(states));

        // Back to the conversation as it was before that rewind.
        if (target.Kind == CheckpointKind.Rewind)
        {
            foreach (var m in target.Changes.Messages.Reverse())
            {
                for (var seq = m.From; seq <= m.Through; seq++)
                {
                    if (flags.ContainsKey(seq))
                    {
                        flags[seq] = !m.Rewound;
                    }
                }
            }

            foreach (var e in target.Changes.Entries.Reverse())
            {
                states[e.Id] = e.Before;
            }
        }

        if (undo)
        {
            // The rewind and its undoing cancel out.
            states[target.Id] = rewindId;
            states[rewindId] = rewindId;
            oldStates[rewindId] = null;
        }
        else
        {
            foreach (var seq in flags.Keys.Where(s => s > target.FromSequence).ToList())
            {
                flags[seq] = true;
            }

            foreach (var id in states.Keys.Where(id => id >= target.Id && states[id] is null).ToList())
            {
                states[id] = rewindId;
            }
        }

        return new RewindChanges(MessageRanges(oldFlags, flags), [.. states
            .Where(s => !oldStates.TryGetValue(s.Key, out var before) || before != s.Value)
            .OrderBy(s => s.Key)
            .Select(s => new EntryChange(s.Key, oldStates.GetValueOrDefault(s.Key), s.Value))]);
    }

    private static List<MessageChange> MessageRanges(Dictionary<long, bool> before, Dictionary<long, bool> after)
    {
        var ranges = new List<MessageChange>();
        foreach (var seq in after.Keys.Order())
        {
            if (before[seq] == after[seq])
            {
                continue;
            }

            if (ranges.Count > 0 && ranges[^1] is var last && last.Through == seq - 1 && last.Rewound == after[seq])
            {
                ranges[^1] = last with { Through = seq };
            }
            else
            {
                ranges.Add(new MessageChange(seq, seq, after[seq]));
            }
        }

        return ranges;
    }

    /// <summary>
    /// Files the rewind would change that also changed outside a turn or rewind: between one checkpoint's end and
    /// the next one's start, or since the last one ended.
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
}
