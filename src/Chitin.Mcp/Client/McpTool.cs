namespace Chitin.Mcp.Client;

/// <summary>One tool of an MCP server, presented to the model as a Chitin tool named <c>mcp__server__tool</c>.</summary>
internal sealed class McpTool : ITool
{
    /// <summary>Descriptions cost prompt tokens on every turn; longer ones are cut.</summary>
    public const int MaxDescriptionLength = 1024;

    private readonly McpServerConnection _server;
    private readonly string _remoteName;

    public McpTool(McpServerConnection server, Tool tool, string name)
    {
        _server = server;
        _remoteName = tool.Name;
        Name = name;
        Description = Shorten(string.IsNullOrWhiteSpace(tool.Description)
            ? tool.Title ?? $"Tool '{tool.Name}' of the MCP server '{server.Config.Name}'."
            : tool.Description.Trim());
        ParametersSchema = tool.InputSchema.ValueKind == JsonValueKind.Object ? tool.InputSchema.Clone() : EmptyObjectSchema();
        Traits = TraitsOf(tool.Annotations);
    }

    public string Name { get; }

    public string Description { get; }

    public JsonElement ParametersSchema { get; }

    public ToolTraits Traits { get; }

    /// <summary>The server this tool belongs to.</summary>
    public string ServerName => _server.Config.Name;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return _server.CallAsync(_remoteName, invocation.Arguments, cancellationToken);
    }

    /// <summary>
    /// Only explicit hints count: MCP's own defaults (destructive, open-world) are left out so an unannotated tool
    /// gets <see cref="ToolTraits.None"/> and the permission engine asks.
    /// </summary>
    internal static ToolTraits TraitsOf(ToolAnnotations? annotations)
    {
        if (annotations is null)
        {
            return ToolTraits.None;
        }

        var traits = ToolTraits.None;
        if (annotations.ReadOnlyHint == true)
        {
            traits |= ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;
        }
        else if (annotations.DestructiveHint == true)
        {
            traits |= ToolTraits.Destructive;
        }

        if (annotations.OpenWorldHint == true)
        {
            traits |= ToolTraits.Network;
        }

        return traits;
    }

    internal static string Shorten(string text) => text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)].TrimEnd() + "…";

    private static JsonElement EmptyObjectSchema()
    {
        using var document = JsonDocument.Parse("""{"type":"object","properties":{}}""");
        return document.RootElement.Clone();
    }
}
