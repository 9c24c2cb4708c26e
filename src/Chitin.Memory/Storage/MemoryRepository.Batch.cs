namespace Chitin.Memory.Storage;

/// <summary>The set-based statements of batch saves: one look-up per batch, driven by a JSON list of keys.</summary>
internal sealed partial class MemoryRepository
{
    /// <summary>
    /// Current items that share a scope, scope key and layer with a draft and also its normalised text or its subject.
    /// The key list drives the loop (CROSS JOIN keeps it outside) and each key is one seek in the partial index.
    /// </summary>
    public List<StoredItem> CurrentMatches(SqliteTransaction transaction, IReadOnlyList<PreparedDraft> drafts, DateTimeOffset now)
    {
        var byText = drafts.Select(d => Key(d, d.NormalizedHash)).Distinct(StringComparer.Ordinal).ToList();
        var bySubject = drafts.Where(d => d.Subject is not null).Select(d => Key(d, d.Subject!)).Distinct(StringComparer.Ordinal).ToList();
        var found = ReadMatches(transaction, "memory_items_current_text", "norm_hash", byText, now);
        if (bySubject.Count > 0)
        {
            var seen = found.Select(f => f.ItemNo).ToHashSet();
            found.AddRange(ReadMatches(transaction, "memory_items_current_subject", "subject", bySubject, now).Where(f => seen.Add(f.ItemNo)));
        }

        return found;
    }

    /// <summary>The items with these row numbers, whatever their state.</summary>
    public List<StoredItem> FetchByNumbers(IReadOnlyCollection<long> itemNos)
    {
        var command = _commands.Get($"SELECT {ItemRows.Columns()} FROM json_each($item_nos) k CROSS JOIN memory_items m WHERE m.item_no = k.value;", null);
        command.Parameters.AddWithValue("$item_nos", "[" + string.Join(',', itemNos.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]");
        return ItemRows.ReadAll(command);
    }

    private List<StoredItem> ReadMatches(SqliteTransaction transaction, string index, string column, List<string> keys, DateTimeOffset now)
    {
        // Only the two fixed index and column names above reach this text.
        var command = _commands.Get(
            $"""
            SELECT {ItemRows.Columns()} FROM json_each($keys) k CROSS JOIN memory_items m INDEXED BY {index}
            WHERE m.scope = k.value ->> 0 AND m.scope_key = k.value ->> 1 AND m.layer = k.value ->> 2 AND m.{column} = k.value ->> 3
              AND {CurrentSql};
            """,
            transaction);
        command.Parameters.AddWithValue("$keys", "[" + string.Join(',', keys) + "]");
        command.Parameters.AddWithValue("$now", TimestampColumn.Text(now));
        return ItemRows.ReadAll(command);
    }

    private static string Key(PreparedDraft draft, long value) => Key(draft, value.ToString(CultureInfo.InvariantCulture), quote: false);

    private static string Key(PreparedDraft draft, string value) => Key(draft, value, quote: true);

    private static string Key(PreparedDraft draft, string value, bool quote) =>
        string.Concat(
            "[", Quoted(StoredNames.Name(draft.Draft.Scope)), ",", Quoted(draft.ScopeKey), ",", Quoted(StoredNames.Name(draft.Draft.Layer)), ",",
            quote ? Quoted(value) : value, "]");

    private static string Quoted(string text) => "\"" + JsonEncodedText.Encode(text).ToString() + "\"";
}
