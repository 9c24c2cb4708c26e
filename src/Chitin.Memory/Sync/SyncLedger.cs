namespace Chitin.Memory.Sync;

/// <summary>
/// The per-file sync state, in the <c>memory_sync_links</c> table of the Chitin database file (next to the memory
/// tables; versioned as "memory_sync" in <c>chitin_schema</c>). One row per (file, item): the region, the line and the text both
/// sides agreed on at the last sync. Opened for one import, export or sync and disposed after it; WAL and a busy
/// timeout let it share the file with the memory store and other processes.
/// </summary>
internal sealed class SyncLedger : IAsyncDisposable
{
    private static readonly SchemaComponent Component = new("memory_sync",
    [
        new(1, "Markdown sync links", """
            CREATE TABLE IF NOT EXISTS memory_sync_links (
                file        TEXT    NOT NULL,
                item_id     TEXT    NOT NULL,
                region      TEXT    NOT NULL,
                synced_text TEXT    NOT NULL,
                line        INTEGER NOT NULL,
                synced_at   TEXT    NOT NULL,
                PRIMARY KEY (file, item_id)
            ) STRICT;
            """),
    ]);

    private readonly SqliteConnection _connection;
    private readonly string _databasePath;
    private readonly TimeProvider _time;

    private SyncLedger(SqliteConnection connection, string databasePath, TimeProvider time)
    {
        _connection = connection;
        _databasePath = databasePath;
        _time = time;
    }

    /// <exception cref="Chitin.Platform.Sqlite.DatabaseException">The file belongs to another application, was written by a newer Chitin or cannot be opened.</exception>
    public static async Task<SyncLedger> OpenAsync(string databasePath, TimeProvider time, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(databasePath);
        var connection = await Task.Run(() => ChitinDatabase.Open(fullPath, Component, "prepare the Markdown sync table"), cancellationToken).ConfigureAwait(false);

        // As the store's connection (see MemorySchema.Open): an import writes a link per item, each an upsert that
        // SQLite journals per statement, in memory rather than in a temporary file.
        connection.Execute($"PRAGMA cache_size = -{MemorySchema.CacheKiB};");
        connection.Execute("PRAGMA temp_store = MEMORY;");
        return new SyncLedger(connection, fullPath, time);
    }

    public Task<List<SyncLink>> LinksAsync(string file, CancellationToken cancellationToken) =>
        RunAsync("read the Markdown sync state", () => ReadLinksAsync(file, cancellationToken));

    /// <summary>Records a link after the store and the file agree on it.</summary>
    public Task SaveAsync(SyncLink link, CancellationToken cancellationToken) =>
        RunAsync("record the Markdown sync state", () => WriteLinkAsync(link, cancellationToken));

    /// <summary>Records many links in one transaction.</summary>
    public Task SaveManyAsync(IReadOnlyList<SyncLink> links, CancellationToken cancellationToken) =>
        RunAsync("record the Markdown sync state", () => WriteLinksAsync(links, cancellationToken));

    public Task RemoveAsync(string file, string itemId, CancellationToken cancellationToken) =>
        RunAsync("record the Markdown sync state", () => DeleteLinkAsync(file, itemId, cancellationToken));

    public ValueTask DisposeAsync()
    {
        ChitinDatabase.Close(_connection);
        return ValueTask.CompletedTask;
    }

    private async Task<List<SyncLink>> ReadLinksAsync(string file, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT item_id, region, synced_text, line FROM memory_sync_links WHERE file = $file ORDER BY line, item_id;";
        command.Parameters.AddWithValue("$file", file);
        var links = new List<SyncLink>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var region = reader.GetString(1) == "section" ? SyncRegion.Section : SyncRegion.File;
                links.Add(new SyncLink(file, reader.GetString(0), region, reader.GetString(2), reader.GetInt32(3)));
            }
        }

        return links;
    }

    private Task<bool> WriteLinkAsync(SyncLink link, CancellationToken cancellationToken) => WriteLinksAsync([link], cancellationToken);

    private async Task<bool> WriteLinksAsync(IReadOnlyList<SyncLink> links, CancellationToken cancellationToken)
    {
        if (links.Count == 0)
        {
            return true;
        }

        var transaction = _connection.BeginTransaction(deferred: false);
        await using (transaction.ConfigureAwait(false))
        {
            // One statement per chunk, the links passed as a JSON array: an import records a link per item, and one
            // statement per link cost more than the links' rows themselves. WHERE true keeps the upsert's parser happy.
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                """
                INSERT INTO memory_sync_links (file, item_id, region, synced_text, line, synced_at)
                SELECT l.value ->> 0, l.value ->> 1, l.value ->> 2, l.value ->> 3, l.value ->> 4, $at FROM json_each($links) l WHERE true
                ON CONFLICT (file, item_id) DO UPDATE SET region = excluded.region, synced_text = excluded.synced_text, line = excluded.line, synced_at = excluded.synced_at;
                """;
            var json = command.Parameters.Add("$links", SqliteType.Text);
            command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            foreach (var chunk in links.Chunk(LinksPerStatement))
            {
                json.Value = LinksJson(chunk);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private const int LinksPerStatement = 1_000;

    private static string LinksJson(SyncLink[] links)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(links.Length * 128);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var link in links)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(link.File);
                writer.WriteStringValue(link.ItemId);
                writer.WriteStringValue(link.Region == SyncRegion.Section ? "section" : "file");
                writer.WriteStringValue(link.SyncedText);
                writer.WriteNumberValue(link.Line);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private async Task<bool> DeleteLinkAsync(string file, string itemId, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM memory_sync_links WHERE file = $file AND item_id = $item;";
        command.Parameters.AddWithValue("$file", file);
        command.Parameters.AddWithValue("$item", itemId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<T> RunAsync<T>(string action, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw DatabaseErrors.From(ex, _databasePath, action);
        }
    }
}
