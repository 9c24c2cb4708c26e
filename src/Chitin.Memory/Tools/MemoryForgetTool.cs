namespace Chitin.Memory.Tools;

/// <summary>
/// memory_forget: ends a memory that is no longer true. The item stays in the history; only the user deletes for
/// good, from the CLI. Items the agent may not see are reported as unknown, so their existence does not leak.
/// </summary>
public sealed class MemoryForgetTool : ToolBase
{
    private const string Signature = "{id: string, reason: string}";

    private const string Schema =
        """
        {"type":"object","properties":{"id":{"type":"string","description":"mem_… id from memory_search"},"reason":{"type":"string","description":"Why it no longer holds"}},"required":["id","reason"]}
        """;

    private readonly IMemoryStore _store;

    public MemoryForgetTool(IMemoryStore store)
        : base("memory_forget", "Mark a memory as no longer true, by its id from memory_search. It is kept in history, not deleted.", Schema, ToolTraits.None)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var arguments = ToolArguments.Of(invocation, Signature);
        var id = arguments.Text("id", required: true);
        var reason = arguments.Text("reason", required: true);
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        var viewer = MemoryVisibility.ViewerOf(invocation.Context);
        var item = await _store.GetAsync(id!, cancellationToken).ConfigureAwait(false);
        if (item is null || !MemoryVisibility.CanSee(viewer, item))
        {
            return ToolResult.Error($"No memory with id '{id}' that you can see. Use memory_search to find the id of the memory to forget.");
        }

        if (item.ValidTo is { } ended)
        {
            var why = item.SupersededBy is { } newer ? $"superseded by {newer}" : item.EndReason ?? "forgotten";
            return ToolResult.Ok(
                string.Create(CultureInfo.InvariantCulture, $"{item.Id} is already no longer current ({why}, {ended:yyyy-MM-dd}); nothing changed."),
                Data(item.Id, forgotten: false, why));
        }

        var forgotten = await _store.ForgetAsync(item.Id, reason!, cancellationToken).ConfigureAwait(false);
        if (forgotten is null)
        {
            return ToolResult.Error($"No memory with id '{id}' that you can see. Use memory_search to find the id of the memory to forget.");
        }

        return ToolResult.Ok($"Forgot {forgotten.Id} (\"{Preview(forgotten.Text)}\"): {reason}. It stays in the history and no longer shows in searches.", Data(forgotten.Id, forgotten: true, reason!));
    }

    private static string Preview(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 79), "…");

    private static JsonElement Data(string id, bool forgotten, string reason) =>
        JsonSerializer.SerializeToElement(new MemoryForgetData(id, forgotten, reason), MemoryToolsJsonContext.Default.MemoryForgetData);
}
