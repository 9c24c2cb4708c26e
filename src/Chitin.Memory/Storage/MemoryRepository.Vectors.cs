namespace Chitin.Memory.Storage;

/// <summary>The statements of the vector table: int8 rows with one scale each, read only when vectors are needed.</summary>
internal sealed partial class MemoryRepository
{
    public void SetVector(SqliteTransaction transaction, long itemNo, QuantizedVector vector, string embedder)
    {
        var command = _commands.Get(
            // An upsert, not OR REPLACE: a replace deletes without firing the delete trigger that keeps the counts.
            """
            INSERT INTO memory_vectors (item_no, embedder, scale, vector)
            SELECT $item_no, $embedder, $scale, $vector WHERE EXISTS (SELECT 1 FROM memory_items WHERE item_no = $item_no)
            ON CONFLICT (item_no) DO UPDATE SET embedder = excluded.embedder, scale = excluded.scale, vector = excluded.vector;
            """,
            transaction);
        command.Parameters.AddWithValue("$item_no", itemNo);
        command.Parameters.AddWithValue("$embedder", embedder);
        command.Parameters.AddWithValue("$scale", (double)vector.Scale);
        command.Parameters.Add("$vector", SqliteType.Blob).Value = MemoryMarshal.AsBytes(vector.Values.AsSpan()).ToArray();
        command.ExecuteNonQuery();
    }

    public void RemoveVector(SqliteTransaction transaction, long itemNo)
    {
        var command = _commands.Get("DELETE FROM memory_vectors WHERE item_no = $item_no;", transaction);
        command.Parameters.AddWithValue("$item_no", itemNo);
        command.ExecuteNonQuery();
    }

    /// <summary>Every vector made by <paramref name="embedder"/>, with its index entry.</summary>
    public void ReadVectors(string embedder, Action<long, QuantizedVector, VectorEntry> add)
    {
        var command = _commands.Get(
            """
            SELECT m.item_no, v.scale, v.vector, m.scope, m.scope_key, m.layer, m.origin_session, m.valid_from, m.valid_to, m.expires_at, m.pinned
            FROM memory_vectors v INDEXED BY memory_vectors_by_embedder JOIN memory_items m ON m.item_no = v.item_no
            WHERE v.embedder = $embedder;
            """,
            null);
        command.Parameters.AddWithValue("$embedder", embedder);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var entry = ReadEntry(reader, 3);
            var scale = (float)reader.GetDouble(1);
            var blob = (byte[])reader.GetValue(2);

            // Scale 0: a float32 vector carried over from schema version 1, quantised now.
            var vector = scale == 0
                ? QuantizedVector.From(MemoryMarshal.Cast<byte, float>(blob))
                : new QuantizedVector(MemoryMarshal.Cast<byte, sbyte>(blob).ToArray(), scale);
            if (vector.Values.Length > 0)
            {
                add(reader.GetInt64(0), vector, entry);
            }
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> items after row <paramref name="afterItemNo"/>, in row order, without a vector
    /// from <paramref name="embedder"/>. New items have the highest row numbers, so a cursor finds them in a few steps.
    /// </summary>
    public List<StoredItem> WithoutVector(string embedder, long afterItemNo, int limit)
    {
        var command = _commands.Get(
            $"""
            SELECT {ItemRows.Columns()} FROM memory_items m
            WHERE m.item_no > $after
              AND NOT EXISTS (SELECT 1 FROM memory_vectors v WHERE v.item_no = m.item_no AND v.embedder = $embedder)
            ORDER BY m.item_no LIMIT $limit;
            """,
            null);
        command.Parameters.AddWithValue("$embedder", embedder);
        command.Parameters.AddWithValue("$after", afterItemNo);
        command.Parameters.AddWithValue("$limit", limit);
        return ItemRows.ReadAll(command);
    }

    private long CountVectors(string embedder)
    {
        var command = _commands.Get("SELECT coalesce((SELECT n FROM memory_vector_counts WHERE embedder = $embedder), 0);", null);
        command.Parameters.AddWithValue("$embedder", embedder);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
