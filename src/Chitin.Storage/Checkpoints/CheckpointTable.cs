namespace Chitin.Storage.Checkpoints;

/// <summary>The checkpoints table on its own connection to the shared database; one caller at a time.</summary>
internal sealed class CheckpointTable : IDisposable
{
    private const string Columns =
        "id, session_id, workspace, kind, created_at, before_manifest, after_manifest, from_seq, through_seq, rewound_by, changes, stored_bytes";

    private readonly SqliteConnection _connection;
    private readonly StatementCache _statements;
    private readonly Lock _gate = new();

    public CheckpointTable(string databasePath)
    {
        DatabasePath = databasePath;
        _connection = ChitinDatabase.Open(databasePath, CheckpointSchema.Component, "open its checkpoint tables");
        _statements = new StatementCache(_connection);
    }

    public string DatabasePath { get; }

    public long Insert(CheckpointRecord r) => Run(
        "INSERT INTO checkpoints (session_id, workspace, kind, created_at, before_manifest, after_manifest, from_seq, through_seq, rewound_by, changes, stored_bytes) " +
        "VALUES ($s, $w, $k, $c, $b, $a, $f, $t, $r, $x, $n) RETURNING id;",
        cmd =>
        {
            Bind(cmd, "$s", r.SessionId);
            Bind(cmd, "$w", r.Workspace);
            Bind(cmd, "$k", r.Kind == CheckpointKind.Rewind ? "rewind" : "turn");
            Bind(cmd, "$c", TimestampColumn.Text(r.CreatedAt));
            Bind(cmd, "$b", r.BeforeManifest);
            Bind(cmd, "$a", r.AfterManifest);
            Bind(cmd, "$f", r.FromSequence);
            Bind(cmd, "$t", r.ThroughSequence);
            Bind(cmd, "$r", r.RewoundBy);
            Bind(cmd, "$x", r.Changes.Messages.Count + r.Changes.Entries.Count == 0 ? null : JsonSerializer.Serialize(r.Changes, CheckpointJsonContext.Default.RewindChanges));
            Bind(cmd, "$n", r.StoredBytes);
            return (long)cmd.ExecuteScalar()!;
        });

    public void Finish(long id, string afterManifest, long? throughSequence, long addedBytes, RewindChanges? changes = null) => Run(
        "UPDATE checkpoints SET after_manifest = $a, through_seq = $t, stored_bytes = stored_bytes + $n, changes = coalesce($x, changes) WHERE id = $id;",
        cmd =>
        {
            Bind(cmd, "$id", id);
            Bind(cmd, "$a", afterManifest);
            Bind(cmd, "$t", throughSequence);
            Bind(cmd, "$n", addedBytes);
            Bind(cmd, "$x", changes is null ? null : JsonSerializer.Serialize(changes, CheckpointJsonContext.Default.RewindChanges));
            return cmd.ExecuteNonQuery();
        });

    public void SetRewoundBy(long id, long? rewoundBy) => Run(
        "UPDATE checkpoints SET rewound_by = $r WHERE id = $id;",
        cmd =>
        {
            Bind(cmd, "$id", id);
            Bind(cmd, "$r", rewoundBy);
            return cmd.ExecuteNonQuery();
        });

    /// <summary>The session's checkpoints, oldest first.</summary>
    public List<CheckpointRecord> List(string sessionId) => Run(
        $"SELECT {Columns} FROM checkpoints WHERE session_id = $s ORDER BY id;",
        cmd =>
        {
            Bind(cmd, "$s", sessionId);
            return cmd.ReadAll(ReadRecord);
        });

    public int DeleteSession(string sessionId) => Run(
        "DELETE FROM checkpoints WHERE session_id = $s;",
        cmd =>
        {
            Bind(cmd, "$s", sessionId);
            return cmd.ExecuteNonQuery();
        });

    public int DeleteOlderThan(DateTimeOffset cutoff) => Run(
        "DELETE FROM checkpoints WHERE created_at < $c;",
        cmd =>
        {
            Bind(cmd, "$c", TimestampColumn.Text(cutoff));
            return cmd.ExecuteNonQuery();
        });

    /// <summary>Checkpoints whose session was deleted (the sessions table is another component's; skipped when absent).</summary>
    public int DeleteOrphans() => Run(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sessions';",
        cmd =>
        {
            if ((long)cmd.ExecuteScalar()! == 0)
            {
                return 0;
            }

            cmd.CommandText = "DELETE FROM checkpoints WHERE session_id NOT IN (SELECT id FROM sessions);";
            return cmd.ExecuteNonQuery();
        });

    /// <summary>Deletes the oldest checkpoints until the stored bytes of the rest are at most <paramref name="maxBytes"/>.</summary>
    public int DeleteOldestBeyond(long maxBytes) => Run(
        "DELETE FROM checkpoints WHERE id IN (SELECT id FROM (SELECT id, sum(stored_bytes) OVER (ORDER BY id DESC) AS newer FROM checkpoints) WHERE newer > $m);",
        cmd =>
        {
            Bind(cmd, "$m", maxBytes);
            return cmd.ExecuteNonQuery();
        });

    public (long Checkpoints, long Sessions, long StoredBytes) Totals() => Run(
        "SELECT count(*), count(DISTINCT session_id), coalesce(sum(stored_bytes), 0) FROM checkpoints;",
        cmd =>
        {
            using var reader = cmd.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        });

    public HashSet<string> ManifestHashes() => Run(
        "SELECT before_manifest FROM checkpoints UNION SELECT after_manifest FROM checkpoints WHERE after_manifest IS NOT NULL;",
        cmd => new HashSet<string>(cmd.ReadAll(reader => reader.GetString(0)), StringComparer.Ordinal));

    public void Dispose()
    {
        lock (_gate)
        {
            _statements.Dispose();
            ChitinDatabase.Close(_connection);
        }
    }

    private T Run<T>(string sql, Func<SqliteCommand, T> work)
    {
        lock (_gate)
        {
            try
            {
                // Kept per SQL text: the turn's checkpoint statements are compiled once, not at every turn.
                return work(_statements.Get(sql));
            }
            catch (SqliteException ex)
            {
                throw DatabaseErrors.From(ex, DatabasePath, "use its checkpoint tables");
            }
        }
    }

    private static void Bind(SqliteCommand cmd, string name, object? value) => cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private static CheckpointRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        SessionId = reader.GetString(1),
        Workspace = reader.GetString(2),
        Kind = reader.GetString(3) == "rewind" ? CheckpointKind.Rewind : CheckpointKind.Turn,
        CreatedAt = TimestampColumn.Parse(reader.GetString(4)),
        BeforeManifest = reader.GetString(5),
        AfterManifest = reader.IsDBNull(6) ? null : reader.GetString(6),
        FromSequence = reader.GetInt64(7),
        ThroughSequence = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        RewoundBy = reader.IsDBNull(9) ? null : reader.GetInt64(9),
        Changes = reader.IsDBNull(10)
            ? RewindChanges.None
            : JsonSerializer.Deserialize(reader.GetString(10), CheckpointJsonContext.Default.RewindChanges) ?? RewindChanges.None,
        StoredBytes = reader.GetInt64(11),
    };
}
