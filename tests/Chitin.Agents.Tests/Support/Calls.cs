using System.Text.Json;
using Chitin.Agents.Bus;
using Chitin.Testing.Scripting;

namespace Chitin.Agents.Tests.Support;

/// <summary>Scripted tool calls and reading envelopes back from a request.</summary>
public static class Calls
{
    public static ScriptToolCall Spawn(string task, string extra = "") =>
        new("agents_spawn", $$"""{"task":{{JsonSerializer.Serialize(task)}}{{extra}}}""");

    public static ScriptToolCall Wait() => new("agents_wait", "{}");

    public static ScriptToolCall Kill(string id) => new("agents_kill", $$"""{"id":"{{id}}"}""");

    /// <summary>The envelopes in the tool results that end the conversation.</summary>
    public static IReadOnlyList<CompletionEnvelope> Envelopes(ScriptRequest request)
    {
        var text = request.LastToolResults.Single().Content;
        return JsonSerializer.Deserialize(text, AgentsJsonContext.Default.ListCompletionEnvelope) ?? [];
    }
}
