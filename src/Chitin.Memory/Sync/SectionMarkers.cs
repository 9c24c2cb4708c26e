namespace Chitin.Memory.Sync;

/// <summary>The HTML comments that delimit Chitin's section and link a bullet to its item.</summary>
internal static class SectionMarkers
{
    public const string Begin = "<!-- chitin:memory:begin -->";
    public const string End = "<!-- chitin:memory:end -->";
    public const string Heading = "## Chitin memory";

    public const string Note =
        "<!-- Chitin keeps this section in step with its memory (chitin memory sync). Edit, add or remove bullets " +
        "here or anywhere in this file; the next sync takes the change in. The hidden id after a bullet links it to its item. -->";

    private const string IdPrefix = "chitin:";

    public static string IdComment(string itemId) => $"<!-- {IdPrefix}{itemId} -->";

    /// <summary>The item id in a hidden id comment such as <c>&lt;!-- chitin:mem_0123456789abcdef --&gt;</c>, or null.</summary>
    public static string? ParseId(string comment)
    {
        var inner = comment.Trim();
        if (!inner.StartsWith("<!--", StringComparison.Ordinal) || !inner.EndsWith("-->", StringComparison.Ordinal) || inner.Length < 7)
        {
            return null;
        }

        inner = inner[4..^3].Trim();
        if (!inner.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = inner[IdPrefix.Length..].Trim();
        return IsItemId(id) ? id : null;
    }

    public static bool IsBegin(string htmlBlock) => EntryText.Key(htmlBlock) == Begin;

    public static bool IsEnd(string htmlBlock) => EntryText.Key(htmlBlock) == End;

    /// <summary>"mem_" and 16 lowercase hex digits, as the store makes them.</summary>
    private static bool IsItemId(string id) =>
        id.Length == 20 && id.StartsWith("mem_", StringComparison.Ordinal) && id.AsSpan(4).ContainsAnyExcept("0123456789abcdef") is false;
}
