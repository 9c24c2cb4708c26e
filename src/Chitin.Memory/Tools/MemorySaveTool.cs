namespace Chitin.Memory.Tools;

/// <summary>memory_save: stores one durable fact for later sessions; the store deduplicates and supersedes.</summary>
public sealed class MemorySaveTool : ToolBase
{
    /// <summary>Longer texts are not one fact; the model is asked to split them.</summary>
    public const int MaxTextChars = 2_000;

    private const string Signature = "{text: string, layer?: semantic|procedural|episodic|working, scope?: user|project|agent|session, subject?: string, tags?: string[], expires?: ISO date}";

    private const string Schema =
        """
        {"type":"object","properties":{"text":{"type":"string","description":"One self-contained fact"},"layer":{"type":"string","enum":["semantic","procedural","episodic","working"],"description":"semantic: fact/preference (default); procedural: how work is done; episodic: event; working: scratch for this session"},"scope":{"type":"string","enum":["user","project","agent","session"],"description":"user: all agents (default); project: this workspace; agent: only you"},"subject":{"type":"string","description":"Short key like user.editor; a later fact with the same subject replaces this one"},"tags":{"type":"array","items":{"type":"string"}},"expires":{"type":"string","description":"ISO date after which it no longer holds"}},"required":["text"]}
        """;

    private readonly IMemoryStore _store;
    private readonly TimeProvider _time;

    public MemorySaveTool(IMemoryStore store, TimeProvider? time = null)
        : base("memory_save", "Remember a durable fact, preference, decision or procedure for future sessions. One fact per call; a newer fact on the same subject replaces the old one. Not for transient task details.", Schema, ToolTraits.None)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = ToolArguments.Of(invocation, Signature);
        var text = arguments.Text("text", required: true);
        var layer = arguments.Choice<MemoryLayer>("layer") ?? MemoryLayer.Semantic;
        var scope = arguments.Choice<MemoryScope>("scope");
        var subject = arguments.Text("subject", required: false);
        var tags = arguments.Labels("tags") ?? [];
        var expires = arguments.Date("expires");
        if (text is { Length: > MaxTextChars })
        {
            arguments.Problem($"'text' is {text.Length} characters; save one fact of at most {MaxTextChars} characters per call");
        }

        if (layer == MemoryLayer.Working && scope is { } chosen && chosen != MemoryScope.Session)
        {
            arguments.Problem($"layer \"working\" is scratch for this session only; omit 'scope' or use \"session\", not \"{MemoryNames.Of(chosen)}\"");
        }

        if (expires is { } end && end <= _time.GetUtcNow())
        {
            arguments.Problem($"'expires' ({end:yyyy-MM-dd HH:mm}Z) is not in the future; a fact that no longer holds needs no saving");
        }

        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var draft = new MemoryDraft
        {
            Text = text!,
            Layer = layer,
            Scope = scope ?? (layer == MemoryLayer.Working ? MemoryScope.Session : MemoryScope.User),
            Subject = subject,
            Tags = tags,
            ExpiresAt = expires,
            Source = new MemorySource(MemorySourceKind.Session, invocation.Context.SessionId),
        };
        var saved = await _store.SaveAsync(draft, MemoryVisibility.ViewerOf(invocation.Context), cancellationToken).ConfigureAwait(false);
        return ToolResult.Ok(Describe(saved), Data(saved));
    }

    private static string Describe(MemorySaveResult saved)
    {
        var item = saved.Item;
        var where = $"{item.Id} ({MemoryNames.Of(item.Layer)}, {MemoryNames.Of(item.Scope)} scope)";
        var text = saved.Action switch
        {
            MemorySaveAction.Duplicate => $"Already known as {where}; nothing new stored.",
            MemorySaveAction.Superseded => $"Saved as {where}; it replaces {string.Join(", ", saved.SupersededIds)} (kept in history).",
            MemorySaveAction.Conflict => $"Saved as {where}, but it may contradict {string.Join(", ", saved.ConflictIds)}; a conflict was recorded for the user to settle.",
            _ => $"Saved as {where}.",
        };
        return item.ExpiresAt is { } expires
            ? text + string.Create(CultureInfo.InvariantCulture, $" Expires {expires:yyyy-MM-dd HH:mm}Z.")
            : text;
    }

    private static JsonElement Data(MemorySaveResult saved) =>
        JsonSerializer.SerializeToElement(
            new MemorySaveData(
                saved.Item.Id,
                MemoryNames.Of(saved.Action),
                MemoryNames.Of(saved.Item.Layer),
                MemoryNames.Of(saved.Item.Scope),
                saved.SupersededIds,
                saved.ConflictIds),
            MemoryToolsJsonContext.Default.MemorySaveData);
}
