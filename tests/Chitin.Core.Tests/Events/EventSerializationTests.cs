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
}
