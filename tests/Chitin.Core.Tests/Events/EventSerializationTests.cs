using System.Text.Json;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Serialization;

namespace Chitin.Core.Tests.Events;

public sealed class EventSerializationTests
{
    [Fact]
    public void Events_serialise_as_one_line_with_a_type_discriminator_and_round_trip()
    {
        AgentEvent[] events =
        [
            new TextDelta { SessionId = "s", At = DateTimeOffset.UnixEpoch, Step = 1, Text = "hi\n" },
            new ToolRequested { SessionId = "s", Step = 1, CallId = "c", ToolName = "read_file", ArgumentsJson = """{"path":"a"}""" },
            new RunCompleted { SessionId = "s", Result = new AgentRunResult { SessionId = "s", Status = RunStatus.Done, Usage = new RunTotals { InputTokens = 10, CachedInputTokens = 5 } } },
        ];

        foreach (var e in events)
        {
            var line = JsonSerializer.Serialize(e, CoreJsonContext.Default.AgentEvent);
            Assert.DoesNotContain('\n', line);
            using var doc = JsonDocument.Parse(line);
            Assert.True(doc.RootElement.TryGetProperty("type", out var type));
            Assert.False(string.IsNullOrEmpty(type.GetString()));
            var back = JsonSerializer.Deserialize(line, CoreJsonContext.Default.AgentEvent);
            Assert.Equal(e.GetType(), back!.GetType());
        }

        var done = JsonSerializer.Serialize<AgentEvent>(events[2], CoreJsonContext.Default.AgentEvent);
        Assert.Contains("\"type\":\"done\"", done, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Done\"", done, StringComparison.Ordinal);
        Assert.Contains("\"cache_hit_rate\":0.5", done, StringComparison.Ordinal);
    }
    [Fact]
    public void Agent_tree_events_keep_their_wire_shape_with_task_and_agent_first()
    {
        var at = new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);
        AgentEvent[] events =
        [
            new AgentSpawned { SessionId = "s", At = at, TaskId = "t", AgentId = "a1", ParentId = "root", Folder = "f", BudgetUsd = 0.5m },
            new AgentFinished { SessionId = "s", At = at, TaskId = "t", AgentId = "a1", Status = AgentStatus.Done, Tokens = 7, CostUsd = 0.25m, ResultPath = "r" },
            new BudgetCharged { SessionId = "s", At = at, TaskId = "t", AgentId = "a1", Kind = "charge", Usd = 0.25m, Tokens = 7 },
        ];

        string[] lines = [.. events.Select(e => JsonSerializer.Serialize(e, CoreJsonContext.Default.AgentEvent))];

        Assert.Equal(
            [
                """{"type":"agent_spawned","task_id":"t","agent_id":"a1","parent_id":"root","folder":"f","budget_usd":0.5,"session_id":"s","at":"2026-12-06T21:00:00+00:00"}""",
                """{"type":"agent_finished","task_id":"t","agent_id":"a1","status":"done","tokens":7,"cost_usd":0.25,"result_path":"r","session_id":"s","at":"2026-12-06T21:00:00+00:00"}""",
                """{"type":"budget","task_id":"t","agent_id":"a1","kind":"charge","usd":0.25,"tokens":7,"session_id":"s","at":"2026-12-06T21:00:00+00:00"}""",
            ],
            lines);
        Assert.All(lines, line => Assert.Equal(line, JsonSerializer.Serialize(JsonSerializer.Deserialize(line, CoreJsonContext.Default.AgentEvent)!, CoreJsonContext.Default.AgentEvent)));
    }
}
