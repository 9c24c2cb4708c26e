namespace Chitin.Mcp.Client;

/// <summary>
/// <c>chitin mcp check</c>: connects to one server, initializes, lists its tools and calls the requested ones. Also
/// the client the MCP conformance suite drives (it appends the server URL to the command).
/// </summary>
public static class McpCheck
{
    /// <exception cref="McpStartException">The server could not be reached, refused the handshake or the login failed.</exception>
    public static async Task<McpCheckReport> RunAsync(
        McpServerConfig server,
        IReadOnlyList<McpToolCallRequest> calls,
        McpClientSettings settings,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(calls);
        await using var connection = await McpServerConnection.StartAsync(server, settings, loggerFactory, cancellationToken).ConfigureAwait(false);
        var results = new List<McpToolCallReport>();
        foreach (var call in calls)
        {
            if (connection.Tools.All(t => t.Name != call.Tool))
            {
                results.Add(new McpToolCallReport(call.Tool, true, $"the server has no tool '{call.Tool}'."));
                continue;
            }

            var result = await connection.CallAsync(call.Tool, call.Arguments, cancellationToken).ConfigureAwait(false);
            results.Add(new McpToolCallReport(call.Tool, result.IsError, result.Text));
        }

        return new McpCheckReport(
            connection.ServerInfo.Name,
            connection.ServerInfo.Version,
            connection.ProtocolVersion,
            connection.Tools.Select(t => t.Name).ToArray(),
            results);
    }

    /// <summary>Parses "name" or "name={json object}" as given to <c>--call</c>.</summary>
    /// <exception cref="FormatException">The arguments are not a JSON object; the message says so.</exception>
    public static McpToolCallRequest ParseCall(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? text : text[..equals]).Trim();
        if (name.Length == 0)
        {
            throw new FormatException($"--call '{text}': give a tool name, optionally followed by =JSON arguments, e.g. add={{\"a\":1}}.");
        }

        if (equals < 0)
        {
            return new McpToolCallRequest(name, JsonDocument.Parse("{}").RootElement.Clone());
        }

        try
        {
            using var document = JsonDocument.Parse(text[(equals + 1)..]);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new McpToolCallRequest(name, document.RootElement.Clone())
                : throw new FormatException($"--call '{text}': the arguments must be a JSON object such as {{\"a\":1}}.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"--call '{text}': the arguments are not valid JSON ({ex.Message}).", ex);
        }
    }
}
