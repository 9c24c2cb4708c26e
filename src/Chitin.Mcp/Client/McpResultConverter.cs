namespace Chitin.Mcp.Client;

/// <summary>
/// Turns an MCP tool result into a Chitin <see cref="ToolResult"/>: text joined, binary content summarised (the model
/// cannot read base64 and it would waste tokens), structuredContent kept as <see cref="ToolResult.Data"/>.
/// </summary>
internal static class McpResultConverter
{
    public static ToolResult ToToolResult(CallToolResult result)
    {
        var text = string.Join("\n", (result.Content ?? []).Select(Describe));
        var data = result.StructuredContent?.Clone();
        if (string.IsNullOrWhiteSpace(text))
        {
            text = data?.GetRawText() ?? (result.IsError == true ? "The tool reported an error without a message." : "(no output)");
        }

        return new ToolResult(text, result.IsError == true, data);
    }

    private static string Describe(ContentBlock block) => block switch
    {
        TextContentBlock text => text.Text,
        ImageContentBlock image => $"[{image.MimeType ?? "image"}, {FormatSize(DecodedLength(image.Data))}]",
        AudioContentBlock audio => $"[{audio.MimeType ?? "audio"}, {FormatSize(DecodedLength(audio.Data))}]",
        EmbeddedResourceBlock { Resource: TextResourceContents resource } => $"[resource {resource.Uri}]\n{resource.Text}",
        EmbeddedResourceBlock { Resource: BlobResourceContents resource } =>
            $"[resource {resource.Uri}, {resource.MimeType ?? "binary"}, {FormatSize(DecodedLength(resource.Blob))}]",
        ResourceLinkBlock link => string.IsNullOrEmpty(link.Name) || link.Name == link.Uri
            ? $"[resource link {link.Uri}]"
            : $"[resource link {link.Uri} ({link.Name})]",
        _ => $"[{block.Type} content]",
    };

    /// <summary>Bytes represented by base64 text, without decoding it.</summary>
    internal static long DecodedLength(ReadOnlyMemory<byte> base64)
    {
        var span = base64.Span;
        var padding = 0;
        for (var i = span.Length - 1; i >= 0 && padding < 2 && span[i] == (byte)'='; i--)
        {
            padding++;
        }

        return Math.Max(0, (long)span.Length / 4 * 3 - padding);
    }

    internal static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(bytes / 1024.0))} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };
}
