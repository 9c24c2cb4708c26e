namespace Chitin.Storage.Sqlite;

/// <summary>
/// Sessions, transcripts and usage in one SQLite file (WAL, synchronous=NORMAL: a committed call survives a killed
/// process). One connection with prepared statements per store, used by one caller at a time; other processes and
/// other stores on the same file coordinate through SQLite's locks and busy timeout.
/// Failures surface as <see cref="StorageException"/> (unknown or duplicate session) or <see cref="DatabaseException"/> (the file), naming the file.
/// </summary>
public sealed class SqliteChitinStore : ISessionStore, IUsageStore, IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly StoreCommands _commands;
    private readonly TimeProvider _time;
    private readonly ConnectionGate _gate;

    private SqliteChitinStore(string databasePath, SqliteConnection connection, StoreCommands commands, TimeProvider time)
    {
        DatabasePath = databasePath;
        _connection = connection;
        _commands = commands;
        _time = time;
        _gate = new ConnectionGate(databasePath, this);
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opens (creating folder and file if missing) and migrates the database.</summary>
    public static Task<SqliteChitinStore> OpenAsync(string databasePath, CancellationToken ct) =>
        OpenAsync(databasePath, TimeProvider.System, ct);

    /// <summary>As <see cref="OpenAsync(string, CancellationToken)"/>; <paramref name="timeProvider"/> stamps rows whose caller gave no time.</summary>
    public static Task<SqliteChitinStore> OpenAsync(string databasePath, TimeProvider timeProvider, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var fullPath = Path.GetFullPath(databasePath);

        // Opening may wait for another process's lock (busy timeout): keep that off the caller's thread.
        return Task.Run(
            () =>
            {
                var connection = DatabaseSetup.Open(fullPath);
                try
                {
                    return new SqliteChitinStore(fullPath, connection, new StoreCommands(connection), timeProvider);
                }
                catch (SqliteException ex)
                {
                    DatabaseSetup.Close(connection);
                    throw DatabaseErrors.From(ex, fullPath, "prepare its statements");
                }
            },
            ct);
    }

    public Task<SessionInfo> CreateSessionAsync(SessionInfo session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.Id);
        ArgumentNullException.ThrowIfNull(session.Title);
        ArgumentNullException.ThrowIfNull(session.Agent);
        ArgumentNullException.ThrowIfNull(session.Workspace);
        var createdAt = session.CreatedAt == default ? _time.GetUtcNow() : session.CreatedAt;
        var stored = session with
        {
            CreatedAt = createdAt,
            UpdatedAt = session.UpdatedAt == default ? createdAt : session.UpdatedAt,
            MessageCount = 0,
        };
        return _gate.RunAsync(
            $"create session '{session.Id}'",
            () =>
            {
                var insert = Use(_commands.InsertSession, null);
                Set(insert, "$id", stored.Id);
                Set(insert, "$title", stored.Title);
                Set(insert, "$agent", stored.Agent);
                Set(insert, "$model", stored.Model);
                Set(insert, "$workspace", stored.Workspace);
                Set(insert, "$status", ColumnValues.Status(stored.Status));
                Set(insert, "$created_at", TimestampColumn.Text(stored.CreatedAt));
                Set(insert, "$updated_at", TimestampColumn.Text(stored.UpdatedAt));
                Set(insert, "$system_prompt", stored.SystemPrompt);
                try
                {
                    insert.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (DatabaseErrors.IsPrimaryKeyViolation(ex))
                {
                    throw new StorageException(
                        StorageErrorKind.SessionExists,
                        DatabasePath,
                        $"A session with id '{stored.Id}' already exists in '{DatabasePath}'.",
                        ex);
                }

                return stored;
            },
            cancellationToken);
    }

    public Task<SessionInfo?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return _gate.RunAsync(
            $"read session '{sessionId}'",
            () =>
            {
                var select = Use(_commands.GetSession, null);
                Set(select, "$id", sessionId);
                using var reader = select.ExecuteReader();
                return reader.Read() ? ReadSession(reader) : null;
            },
            cancellationToken);
    }

    /// <summary>Most recently updated first; ties by id, newest first.</summary>
    public Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return _gate.RunAsync<IReadOnlyList<SessionInfo>>(
            "list sessions",
            () =>
            {
                var select = Use(_commands.ListSessions, null);
                Set(select, "$limit", limit);
                return select.ReadAll(ReadSession);
            },
            cancellationToken);
    }

    /// <summary>
    /// Assigns the next sequence number in the same write transaction as the insert, so concurrent appends (from
    /// this or another process) never collide, and bumps the session's updated_at to the message time.
    /// </summary>
    public Task<SessionMessage> AppendMessageAsync(string sessionId, SessionMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(message);
        var createdAt = message.CreatedAt == default ? _time.GetUtcNow() : message.CreatedAt;
        var createdAtText = TimestampColumn.Text(createdAt);
        var toolCalls = message.ToolCalls is null
            ? null
            : JsonSerializer.Serialize(message.ToolCalls, StorageJsonContext.Default.IReadOnlyListToolCallRecord);
        var role = ColumnValues.Role(message.Role);
        return _gate.RunAsync(
            $"append a message to session '{sessionId}'",
            () =>
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                var touch = Use(_commands.TouchSession, transaction);
                Set(touch, "$id", sessionId);
                Set(touch, "$at", createdAtText);
                if (touch.ExecuteNonQuery() == 0)
                {
                    throw SessionNotFound(sessionId);
                }

                var insert = Use(_commands.InsertMessage, transaction);
                Set(insert, "$session_id", sessionId);
                Set(insert, "$role", role);
                Set(insert, "$text", message.Text);
                Set(insert, "$tool_calls", toolCalls);
                Set(insert, "$tool_call_id", message.ToolCallId);
                Set(insert, "$tool_name", message.ToolName);
                Set(insert, "$is_error", message.IsError);
                Set(insert, "$step", message.Step);
                Set(insert, "$created_at", createdAtText);
                Set(insert, "$kind", message.Kind == MessageKind.Compaction ? "compaction" : "message");
                Set(insert, "$compacts_through", message.CompactsThrough);
                Set(insert, "$pruned_through", message.PrunedThrough);
                Set(insert, "$ran_arguments", message.RanArgumentsJson);
                var sequence = (long)insert.ExecuteScalar()!;
                transaction.Commit();
                return message with { Sequence = sequence, CreatedAt = createdAt };
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<SessionMessage>> LoadMessagesAsync(string sessionId, CancellationToken cancellationToken) =>
        LoadSessionRowsAsync(_commands.LoadMessages, sessionId, "messages", ReadMessage, cancellationToken);

    /// <summary>Sets the status, and the model when <paramref name="model"/> is not null; bumps updated_at to now.</summary>
    public Task UpdateSessionAsync(string sessionId, SessionStatus status, string? model, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        var statusText = ColumnValues.Status(status);
        var now = TimestampColumn.Text(_time.GetUtcNow());
        return _gate.RunAsync(
            $"update session '{sessionId}'",
            () =>
            {
                var update = Use(_commands.UpdateSession, null);
                Set(update, "$id", sessionId);
                Set(update, "$status", statusText);
                Set(update, "$model", model);
                Set(update, "$at", now);
                if (update.ExecuteNonQuery() == 0)
                {
                    throw SessionNotFound(sessionId);
                }
            },
            cancellationToken);
    }

    public Task<int> SetRewoundAsync(string sessionId, long fromSequence, long throughSequence, bool rewound, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return _gate.RunAsync(
            $"mark messages of session '{sessionId}' as rewound",
            () =>
            {
                var update = Use(_commands.SetRewound, null);
                Set(update, "$session_id", sessionId);
                Set(update, "$from", fromSequence);
                Set(update, "$through", throughSequence);
                Set(update, "$rewound", rewound);
                return update.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return _gate.RunAsync(
            $"delete session '{sessionId}'",
            () =>
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                var deleteUsage = Use(_commands.DeleteSessionUsage, transaction);
                Set(deleteUsage, "$session_id", sessionId);
                deleteUsage.ExecuteNonQuery();

                // Messages go with the session through ON DELETE CASCADE.
                var deleteSession = Use(_commands.DeleteSession, transaction);
                Set(deleteSession, "$id", sessionId);
                var deleted = deleteSession.ExecuteNonQuery() > 0;
                transaction.Commit();
                return deleted;
            },
            cancellationToken);
    }

    public Task RecordUsageAsync(UsageRecord usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentException.ThrowIfNullOrEmpty(usage.SessionId);
        ArgumentNullException.ThrowIfNull(usage.Model);
        ArgumentNullException.ThrowIfNull(usage.Agent);
        ArgumentNullException.ThrowIfNull(usage.Provider);
        var createdAt = TimestampColumn.Text(usage.CreatedAt == default ? _time.GetUtcNow() : usage.CreatedAt);
        var cost = ColumnValues.Decimal(usage.CostUsd);
        return _gate.RunAsync(
            $"record usage for session '{usage.SessionId}'",
            () =>
            {
                var insert = Use(_commands.InsertUsage, null);
                Set(insert, "$session_id", usage.SessionId);
                Set(insert, "$agent", usage.Agent);
                Set(insert, "$provider", usage.Provider);
                Set(insert, "$model", usage.Model);
                Set(insert, "$step", usage.Step);
                Set(insert, "$input", usage.InputTokens);
                Set(insert, "$cached_input", usage.CachedInputTokens);
                Set(insert, "$cache_write", usage.CacheWriteTokens);
                Set(insert, "$output", usage.OutputTokens);
                Set(insert, "$reasoning", usage.ReasoningTokens);
                Set(insert, "$ttft_ms", usage.TimeToFirstTokenMs);
                Set(insert, "$latency_ms", usage.LatencyMs);
                Set(insert, "$cost_usd", cost);
                Set(insert, "$created_at", createdAt);
                insert.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <summary>In the order recorded.</summary>
    public Task<IReadOnlyList<UsageRecord>> LoadUsageAsync(string sessionId, CancellationToken cancellationToken) =>
        LoadSessionRowsAsync(_commands.LoadUsage, sessionId, "usage", ReadUsage, cancellationToken);

    /// <summary>Runs a query that selects one session's rows by <c>$session_id</c>.</summary>
    private Task<IReadOnlyList<T>> LoadSessionRowsAsync<T>(
        SqliteCommand query,
        string sessionId,
        string what,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return _gate.RunAsync<IReadOnlyList<T>>(
            $"load the {what} of session '{sessionId}'",
            () =>
            {
                var select = Use(query, null);
                Set(select, "$session_id", sessionId);
                return select.ReadAll(read);
            },
            cancellationToken);
    }

    /// <summary>
    /// Totals per UTC day (yyyy-MM-dd, ascending), session, model or agent (cost descending, then key), counting rows
    /// created at or after <paramref name="since"/>. Costs are summed exactly as decimals.
    /// </summary>
    public Task<IReadOnlyList<UsageSummary>> SummarizeAsync(UsageGrouping grouping, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var select = _commands.Summary(grouping);
        var sinceText = since is { } s ? TimestampColumn.Text(s) : "";
        return _gate.RunAsync<IReadOnlyList<UsageSummary>>(
            "summarize usage",
            () =>
            {
                Set(Use(select, null), "$since", sinceText);
                var rows = select.ReadAll(reader => new UsageSummary
                {
                    Key = reader.GetString(0),
                    Calls = reader.GetInt64(1),
                    InputTokens = reader.GetInt64(2),
                    CachedInputTokens = reader.GetInt64(3),
                    CacheWriteTokens = reader.GetInt64(4),
                    OutputTokens = reader.GetInt64(5),
                    ReasoningTokens = reader.GetInt64(6),
                    CostUsd = ColumnValues.ReadDecimal(reader.GetString(7)),
                });
                return grouping == UsageGrouping.Day
                    ? rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList()
                    : rows.OrderByDescending(r => r.CostUsd).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
            },
            cancellationToken);
    }

    /// <summary>Closes the connection and releases the file (it can be deleted afterwards). Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync() =>
        _gate.CloseAsync(() =>
        {
            _commands.Dispose();
            DatabaseSetup.Close(_connection);
        });

    /// <summary>Runs one statement on the store's own connection (for tests that inspect or provoke connection state).</summary>
    internal Task<object?> ExecuteScalarForTestsAsync(string sql, CancellationToken cancellationToken) =>
        _gate.RunAsync(
            "run a test statement",
            () =>
            {
                using var command = _connection.CreateCommand();
                command.CommandText = sql;
                return command.ExecuteScalar();
            },
            cancellationToken);

    private static SqliteCommand Use(SqliteCommand command, SqliteTransaction? transaction)
    {
        command.Transaction = transaction;
        return command;
    }

    private static void Set(SqliteCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;

    private static SessionInfo ReadSession(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Title = reader.GetString(1),
        Agent = reader.GetString(2),
        Model = reader.IsDBNull(3) ? null : reader.GetString(3),
        Workspace = reader.GetString(4),
        Status = ColumnValues.ReadStatus(reader.GetString(5)),
        CreatedAt = TimestampColumn.Parse(reader.GetString(6)),
        UpdatedAt = TimestampColumn.Parse(reader.GetString(7)),
        MessageCount = reader.GetInt64(8),
        SystemPrompt = reader.IsDBNull(9) ? null : reader.GetString(9),
    };

    private static SessionMessage ReadMessage(SqliteDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        Role = ColumnValues.ReadRole(reader.GetString(1)),
        Text = reader.IsDBNull(2) ? null : reader.GetString(2),
        ToolCalls = reader.IsDBNull(3)
            ? null
            : JsonSerializer.Deserialize(reader.GetString(3), StorageJsonContext.Default.IReadOnlyListToolCallRecord),
        ToolCallId = reader.IsDBNull(4) ? null : reader.GetString(4),
        ToolName = reader.IsDBNull(5) ? null : reader.GetString(5),
        IsError = reader.GetBoolean(6),
        Step = reader.GetInt32(7),
        CreatedAt = TimestampColumn.Parse(reader.GetString(8)),
        Kind = reader.GetString(9) == "compaction" ? MessageKind.Compaction : MessageKind.Message,
        CompactsThrough = reader.IsDBNull(10) ? null : reader.GetInt64(10),
        PrunedThrough = reader.IsDBNull(11) ? null : reader.GetInt64(11),
        RanArgumentsJson = reader.IsDBNull(12) ? null : reader.GetString(12),
        Rewound = reader.GetBoolean(13),
    };

    /// <summary>One row selected with <see cref="StoreCommands.UsageColumns"/>.</summary>
    internal static UsageRecord ReadUsage(SqliteDataReader reader) => new()
    {
        SessionId = reader.GetString(0),
        Agent = reader.GetString(1),
        Provider = reader.GetString(2),
        Model = reader.GetString(3),
        Step = reader.GetInt32(4),
        InputTokens = reader.GetInt64(5),
        CachedInputTokens = reader.GetInt64(6),
        CacheWriteTokens = reader.GetInt64(7),
        OutputTokens = reader.GetInt64(8),
        ReasoningTokens = reader.GetInt64(9),
        TimeToFirstTokenMs = reader.IsDBNull(10) ? null : reader.GetDouble(10),
        LatencyMs = reader.GetDouble(11),
        CostUsd = ColumnValues.ReadDecimal(reader.GetString(12)),
        CreatedAt = TimestampColumn.Parse(reader.GetString(13)),
    };

    private StorageException SessionNotFound(string sessionId) =>
        new(StorageErrorKind.SessionNotFound, DatabasePath, $"Session '{sessionId}' does not exist in '{DatabasePath}'.");
}
