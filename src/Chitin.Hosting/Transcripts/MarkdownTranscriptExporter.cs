namespace Chitin.Hosting.Transcripts;

/// <summary>
/// A transcript people can read: user and assistant turns as sections, tool calls as fenced JSON, tool results
/// fenced and cut to their head and tail when long.
/// </summary>
public sealed class MarkdownTranscriptExporter : ITranscriptExporter
{
    public const int DefaultMaxResultChars = 2_000;

    private static readonly JsonWriterOptions IndentedWriter = new() { Indented = true };

    public string Format => "md";

    public string Extension => ".md";

    /// <summary>Tool results longer than this keep their first three quarters and last quarter of it.</summary>
    public int MaxResultChars { get; init; } = DefaultMaxResultChars;

    public async Task WriteAsync(SessionInfo session, IReadOnlyList<SessionMessage> messages, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(output);
        var text = Render(session, messages);
        await output.WriteAsync(text.AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    public string Render(SessionInfo session, IReadOnlyList<SessionMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(messages);
        var md = new StringBuilder();
        var title = string.IsNullOrWhiteSpace(session.Title) ? session.Id : session.Title.ReplaceLineEndings(" ");
        md.Append("# ").AppendLine(title).AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"- session: `{session.Id}`").AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"- model: {session.Model ?? "(unknown)"} · agent: {session.Agent} · status: {session.Status}").AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"- workspace: `{session.Workspace}`").AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"- created: {session.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC · messages: {messages.Count}").AppendLine();

        foreach (var message in messages)
        {
            md.AppendLine();
            switch (message.Role)
            {
                case MessageRole.System:
                    md.AppendLine("## System").AppendLine();
                    AppendFenced(md, message.Text ?? "", "text");
                    break;
                case MessageRole.User:
                    md.AppendLine("## User").AppendLine().AppendLine(message.Text?.Trim());
                    break;
                case MessageRole.Assistant:
                    AppendAssistant(md, message);
                    break;
                case MessageRole.Tool:
                    var status = message.IsError ? " (error)" : "";
                    md.Append(CultureInfo.InvariantCulture, $"### Result of `{message.ToolName ?? "tool"}`{status}").AppendLine().AppendLine();
                    AppendFenced(md, Truncate(message.Text ?? "", MaxResultChars), "text");
                    break;
            }
        }

        return md.ToString();
    }

    private static void AppendAssistant(StringBuilder md, SessionMessage message)
    {
        md.Append(CultureInfo.InvariantCulture, $"## Assistant (step {message.Step})").AppendLine();
        if (!string.IsNullOrWhiteSpace(message.Text))
        {
            md.AppendLine().AppendLine(message.Text.Trim());
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            md.AppendLine().Append(CultureInfo.InvariantCulture, $"Tool call `{call.Name}` ({call.Id}):").AppendLine().AppendLine();
            AppendFenced(md, PrettyJson(call.ArgumentsJson), "json");
        }
    }

    /// <summary>A fence longer than any backtick run inside, so content can never close it early.</summary>
    private static void AppendFenced(StringBuilder md, string content, string language)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        md.Append(fence).AppendLine(language).AppendLine(content.TrimEnd('\n', '\r')).AppendLine(fence);
    }

    private static string PrettyJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, IndentedWriter))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            // The model sent arguments that are not JSON; show them as they were.
            return json;
        }
    }

    /// <summary>Keeps the head and the tail (where errors and summaries usually are) and says how much was left out.</summary>
    public static string Truncate(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return text;
        }

        var head = maxChars * 3 / 4;
        var tail = maxChars - head;
        var omitted = text.Length - head - tail;
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, head)}\n… ({omitted:N0} characters omitted) …\n{text.AsSpan(text.Length - tail)}");
    }
}
