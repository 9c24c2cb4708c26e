using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Chitin.Memory.Embeddings;
using Chitin.Memory.Evaluation;
using Chitin.Memory.Knowledge;
using Microsoft.Data.Sqlite;

namespace Chitin.Bench.Memory;

/// <summary>
/// Fills a memory database quickly for the search benchmark. The store has no bulk API and every SaveAsync runs the
/// duplicate and superseding checks (a full-text match against the whole store), which makes a 100,000-item load
/// take hours; so the rows are written here with plain SQL into the store's own tables, in large transactions, with
/// the vectors the store's default embedder makes. The store is then opened normally and must see every row
/// (<see cref="VerifyAsync"/>), so a schema change fails loudly instead of measuring a half-empty store.
/// Only the knowledge rules (dedup, superseding) are skipped: the dataset states no fact twice.
/// </summary>
internal static class BulkMemoryLoader
{
    private const int RowsPerTransaction = 10_000;

    public static void Insert(string databasePath, RetrievalDataset data, int fromIndex, string embedderName)
    {
        var embedder = new HashedNgramEmbeddingGenerator();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            pragma.ExecuteNonQuery();
        }

        var baseTime = DateTimeOffset.UtcNow.AddDays(-1);
        for (var start = fromIndex; start < data.Facts.Count; start += RowsPerTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO memory_items (id, text, norm_hash, layer, scope, scope_key, subject, subject_explicit, tags, pinned,
                    source_kind, source_ref, source_line, created_at, updated_at, valid_from, embedder, vector)
                VALUES ($id, $text, $norm_hash, $layer, 'user', '', $subject, 0, '[]', 0,
                    'import', $source_ref, $source_line, $at, $at, $at, $embedder, $vector);
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var normHash = insert.Parameters.Add("$norm_hash", SqliteType.Integer);
            var layer = insert.Parameters.Add("$layer", SqliteType.Text);
            var subject = insert.Parameters.Add("$subject", SqliteType.Text);
            var sourceLine = insert.Parameters.Add("$source_line", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
            insert.Parameters.AddWithValue("$source_ref", data.Name);
            insert.Parameters.AddWithValue("$embedder", embedderName);
            insert.Prepare();
            for (var i = start; i < Math.Min(start + RowsPerTransaction, data.Facts.Count); i++)
            {
                var fact = data.Facts[i];
                id.Value = string.Create(CultureInfo.InvariantCulture, $"mem_{(ulong)i + 0x1000_0000_0000_0000UL:x16}");
                text.Value = fact.Text;

                // Any stable 64-bit key of the text: it only serves the store's duplicate check, which these rows skip.
                normHash.Value = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(fact.Text.ToLowerInvariant())), 0);
                layer.Value = fact.Layer.ToString().ToLowerInvariant();
                subject.Value = (object?)SubjectExtractor.Extract(fact.Text) ?? DBNull.Value;
                sourceLine.Value = i + 1;
                at.Value = baseTime.AddMilliseconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                vector.Value = MemoryMarshal.AsBytes(embedder.Embed(fact.Text).AsSpan()).ToArray();
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public static async Task VerifyAsync(Chitin.Memory.Storage.SqliteMemoryStore store, int expected, CancellationToken ct)
    {
        var stats = await store.GetStatsAsync(ct);
        if (stats.Current != expected || store.VectorCount != expected)
        {
            throw new InvalidOperationException(
                $"The bulk-loaded store shows {stats.Current} current items and {store.VectorCount} vectors, not {expected}: the memory schema has changed; update {nameof(BulkMemoryLoader)}.");
        }
    }
}
