namespace Chitin.Testing.Wire;

/// <summary>
/// Reads a <c>content</c> field that both wire formats spell the same way: absent or null, a string, or an array of
/// typed parts of which the <c>text</c> ones count. Other parts still reach the canonical prompt.
/// </summary>
internal static class TextContent
{
    /// <param name="parent">The object holding <c>content</c> (an OpenAI message, an Anthropic tool_result block).</param>
    /// <param name="where">Where <paramref name="parent"/> stands in the request, for error messages.</param>
    /// <param name="shapeError">The end of the message when <c>content</c> is neither, after "{where}.content ".</param>
    /// <returns>The text parts joined by newlines; empty when the field is absent or null.</returns>
    public static string Read(JsonElement parent, string where, CanonicalPromptBuilder prompt, string shapeError)
    {
        if (!parent.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            prompt.AppendText(text);
            return text;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new RequestParseException($"{where}.content {shapeError}");
        }

        var texts = new List<string>();
        foreach (var (part, partWhere) in JsonRead.Objects(content, $"{where}.content"))
        {
            var type = JsonRead.RequiredString(part, "type", partWhere);
            if (type == "text")
            {
                var text = JsonRead.RequiredString(part, "text", partWhere);
                prompt.AppendText(text);
                texts.Add(text);
            }
            else
            {
                prompt.AppendOther(type, part.GetRawText());
            }
        }

        return string.Join('\n', texts);
    }
}
