namespace Chitin.Memory.Capture;

/// <summary>The extraction call's instructions, output schema and the transcript excerpt it reads.</summary>
internal static class CapturePrompt
{
    public const string SchemaName = "memory_facts";

    public const string SchemaDescription = "Durable memories extracted from a conversation";

    /// <summary>Tool results and tool call arguments rarely hold durable facts; their start is enough.</summary>
    private const int ToolResultChars = 600;

    private const int ToolArgumentsChars = 300;

    /// <summary>Tokens reserved for the instructions and the header of the transcript.</summary>
    private const int OverheadTokens = 600;

    /// <summary>The transcript header without the workspace (43 bytes), with room for two sequence numbers of any size (19 digits each).</summary>
    private const int HeaderBytes = 96;

    public static readonly JsonElement Schema = JsonElement.Parse(
        """
        {"type":"object","properties":{"facts":{"type":"array","items":{"type":"object","properties":{"text":{"type":"string"},"layer":{"type":"string","enum":["semantic","procedural","episodic"]},"scope":{"type":"string","enum":["user","project","agent"]},"subject":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}},"message":{"type":"integer"}},"required":["text","layer","scope"]}}},"required":["facts"]}
        """);

    public static string SystemPrompt(int maxFacts) => string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        You extract durable memories from a conversation between an AI agent and its user, to be kept across sessions.
        Extract only what will still be true and useful in later sessions: facts and preferences about the user, decisions that were taken, facts about the project, and procedures (how work is done here: commands, conventions, steps).
        Do not extract transient task details: progress of the current task, intermediate results, file contents, errors already fixed, anything only relevant right now. Never extract passwords, keys or other secrets.
        Each fact is one self-contained sentence that makes sense without the conversation: name things explicitly and write "The user ..." rather than "I ...".
        layer: "semantic" for facts and preferences, "procedural" for how work is done, "episodic" for a notable event (include its date).
        scope: "user" for facts about the user that hold everywhere, "project" for facts about this workspace, "agent" for notes only this agent needs.
        subject: a short stable key of what the fact is about, such as "user.editor" or "project.test-command", so that a later fact on the same subject replaces it.
        message: the number of the message the fact comes from.
        Return at most {{maxFacts}} facts, the most important first, and {"facts":[]} when nothing durable was said.
        Answer with JSON only: {"facts":[{"text":"...","layer":"semantic|procedural|episodic","scope":"user|project|agent","subject":"...","tags":["..."],"message":12}]}
        """);

    /// <summary>
    /// Renders the oldest messages that fit <paramref name="maxTokens"/>; returns the text and the sequence number
    /// of the last message included (the rest waits for the next capture). A single message larger than the budget is cut.
    /// </summary>
    public static (string Text, long Through, bool HasConversation) Transcript(IReadOnlyList<SessionMessage> messages, string workspace, int maxTokens, ITokenCounter counter)
    {
        var budget = Math.Max(100, maxTokens - OverheadTokens);
        var body = new StringBuilder();
        var used = 0;
        long through = 0;
        var hasConversation = false;
        // When every line fits by its byte count, the budget cannot be reached and nothing needs counting.
        var lines = messages.Select(Render).ToList();
        var surelyFits = TokenBounds.SurelyWithin(string.Join('\n', lines), budget - lines.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var line = lines[i];
            var tokens = surelyFits ? 1 : counter.CountTokens(line) + 1;
            if (used + tokens > budget)
            {
                if (through > 0)
                {
                    break;
                }

                // The first message alone is over budget: keep its start (about 3 characters per token).
                line = string.Concat(line.AsSpan(0, Math.Min(line.Length, budget * 3)), " …[cut]");
                tokens = budget;
            }

            body.Append(line).Append('\n');
            used += tokens;
            through = message.Sequence;
            hasConversation |= message.Role is MessageRole.User or MessageRole.Assistant && !string.IsNullOrWhiteSpace(message.Text);
        }

        var header = string.Create(CultureInfo.InvariantCulture, $"Workspace: {workspace}\nConversation, messages #{messages[0].Sequence} to #{through}:\n");
        return (header + body, through, hasConversation);
    }

    /// <summary>
    /// True when the transcript of any part of <paramref name="messages"/> (whatever the mark) stays under
    /// <paramref name="minTokens"/> by <see cref="TokenBounds.Estimate"/>: its lines are a subset of these, and its
    /// header is bounded by the workspace and two sequence numbers.
    /// </summary>
    public static bool SurelyBelow(IReadOnlyList<SessionMessage> messages, string workspace, int minTokens)
    {
        var limit = (long)minTokens * 4;
        long bytes = Encoding.UTF8.GetByteCount(workspace) + HeaderBytes;
        foreach (var message in messages)
        {
            if (message.Kind != MessageKind.Message)
            {
                continue;
            }

            bytes += Encoding.UTF8.GetByteCount(Render(message)) + 1;
            if (bytes >= limit)
            {
                return false;
            }
        }

        return bytes < limit;
    }

    private static string Render(SessionMessage message)
    {
        var text = message.Text ?? "";
        if (message.Role == MessageRole.Tool && text.Length > ToolResultChars)
        {
            text = string.Concat(text.AsSpan(0, ToolResultChars), string.Create(CultureInfo.InvariantCulture, $" …[{text.Length - ToolResultChars} more chars]"));
        }

        var calls = message.ToolCalls is { Count: > 0 } list
            ? " " + string.Join(" ", list.Select(c => $"→ {c.Name}({Cut(c.ArgumentsJson, ToolArgumentsChars)})"))
            : "";
        var role = message.Role.ToString().ToLowerInvariant();
        var tool = message.ToolName is null ? "" : " " + message.ToolName;
        return string.Create(CultureInfo.InvariantCulture, $"#{message.Sequence} {role}{tool}{(message.IsError ? " (error)" : "")}: {text}{calls}");
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
