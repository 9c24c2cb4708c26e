namespace Chitin.Memory.Storage;

/// <summary>The column list every item query selects (over alias <c>m</c>, or another alias) and how a row becomes a <see cref="StoredItem"/>.</summary>
internal static class ItemRows
{
    public const int ColumnCount = 22;

    public static string Columns(string alias = "m") =>
        string.Join(", ", new[]
        {
            "item_no", "id", "text", "layer", "scope", "scope_key", "subject", "subject_explicit", "tags", "pinned",
            "source_kind", "source_ref", "source_line", "origin_session", "created_at", "updated_at", "valid_from",
            "valid_to", "expires_at", "supersedes", "superseded_by", "end_reason",
        }.Select(column => $"{alias}.{column}"));

    public static StoredItem Read(SqliteDataReader reader, int offset = 0)
    {
        var item = new MemoryItem
        {
            Id = reader.GetString(offset + 1),
            Text = reader.GetString(offset + 2),
            Layer = StoredNames.Parse<MemoryLayer>(reader.GetString(offset + 3)),
            Scope = StoredNames.Parse<MemoryScope>(reader.GetString(offset + 4)),
            ScopeKey = reader.GetString(offset + 5),
            Subject = OptionalString(reader, offset + 6),
            Tags = MemoryColumns.ReadTags(reader.GetString(offset + 8)),
            Pinned = reader.GetInt64(offset + 9) != 0,
            Source = new MemorySource(
                StoredNames.Parse<MemorySourceKind>(reader.GetString(offset + 10)),
                OptionalString(reader, offset + 11),
                reader.IsDBNull(offset + 12) ? null : reader.GetInt32(offset + 12)),
            CreatedAt = TimestampColumn.Parse(reader.GetString(offset + 14)),
            UpdatedAt = TimestampColumn.Parse(reader.GetString(offset + 15)),
            ValidFrom = TimestampColumn.Parse(reader.GetString(offset + 16)),
            ValidTo = OptionalTimestamp(reader, offset + 17),
            ExpiresAt = OptionalTimestamp(reader, offset + 18),
            Supersedes = OptionalString(reader, offset + 19),
            SupersededBy = OptionalString(reader, offset + 20),
            EndReason = OptionalString(reader, offset + 21),
        };
        return new StoredItem(reader.GetInt64(offset), item, OptionalString(reader, offset + 13), reader.GetInt64(offset + 7) != 0);
    }

    public static List<StoredItem> ReadAll(SqliteCommand command)
    {
        var items = new List<StoredItem>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(Read(reader));
        }

        return items;
    }

    private static string? OptionalString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? OptionalTimestamp(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : TimestampColumn.Parse(reader.GetString(ordinal));
}
