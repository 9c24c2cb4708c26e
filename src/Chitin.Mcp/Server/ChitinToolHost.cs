namespace Chitin.Mcp.Server;

/// <summary>Answers tools/list and tools/call for a set of Chitin tools, asking the approver before each call.</summary>
internal sealed class ChitinToolHost
{
    private readonly FrozenDictionary<string, ITool> _tools;
    private readonly Tool[] _declarations;
    private readonly ToolContext _context;
    private readonly IToolApprover? _approver;

    public ChitinToolHost(IReadOnlyList<ITool> tools, ToolContext context, IToolApprover? approver)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(context);
        if (tools.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Tool name '{duplicate.Key}' is registered twice.", nameof(tools));
        }

        var ordered = tools.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        _tools = ordered.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _declarations = ordered.Select(Declare).ToArray();
        _context = context;
        _approver = approver;
    }

    public ListToolsResult ListTools() => new() { Tools = _declarations };

    public async ValueTask<CallToolResult> CallAsync(CallToolRequestParams? request, CancellationToken cancellationToken)
    {
        var name = request?.Name ?? "";
        if (!_tools.TryGetValue(name, out var tool))
        {
            throw new McpProtocolException($"Unknown tool '{name}'. Call tools/list for the available tools.", McpErrorCode.InvalidParams);
        }

        var callId = "mcp-" + Guid.NewGuid().ToString("N");
        var arguments = ToJsonObject(request?.Arguments);
        if (_approver is not null)
        {
            var approval = await _approver.ApproveAsync(new ToolApprovalRequest(tool, callId, arguments, _context), cancellationToken).ConfigureAwait(false);
            if (!approval.Allowed)
            {
                return Error(approval.Reason ?? $"The call to '{tool.Name}' was not approved.");
            }
        }

        ToolResult result;
        try
        {
            result = await tool.InvokeAsync(new ToolInvocation(callId, tool.Name, arguments, _context), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Error($"{tool.Name} failed: {ex.Message}");
        }

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = result.Text }],
            IsError = result.IsError,
            StructuredContent = result.Data is { ValueKind: JsonValueKind.Object } data ? data : null,
        };
    }

    private static CallToolResult Error(string message) => new()
    {
        Content = [new TextContentBlock { Text = message }],
        IsError = true,
    };

    private static Tool Declare(ITool tool) => new()
    {
        Name = tool.Name,
        Description = tool.Description,
        InputSchema = tool.ParametersSchema,
        Annotations = new ToolAnnotations
        {
            ReadOnlyHint = tool.Traits.HasFlag(ToolTraits.ReadOnly),
            DestructiveHint = tool.Traits.HasFlag(ToolTraits.Destructive),
            OpenWorldHint = tool.Traits.HasFlag(ToolTraits.Network),
        },
    };

    private static JsonElement ToJsonObject(IDictionary<string, JsonElement>? arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
