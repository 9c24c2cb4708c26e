using Chitin.Core.Context;
using Chitin.Core.Sessions;

namespace Chitin.Core.Tests.Context;

public sealed class ContextRebuildMarkerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_resumed_run_keeps_the_sessions_task_and_adds_its_own_message_as_the_latest_instruction()
    {
        List<SessionMessage> transcript =
        [
            SessionMessage.User("build the report", At) with { Sequence = 1 },
            new SessionMessage { Role = MessageRole.Assistant, Text = "spawning", Sequence = 2, CreatedAt = At },
            SessionMessage.User("continue", At) with { Sequence = 3 },
        ];

        var marker = ContextRebuildMarker.For("continue", "DIGEST", transcript, step: 4, At);

        Assert.Equal(MessageKind.Compaction, marker.Kind);
        Assert.Equal(3, marker.CompactsThrough);
        Assert.Contains("Your task: build the report\n\nLatest instruction: continue", marker.Text, StringComparison.Ordinal);
        Assert.EndsWith("DIGEST", marker.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_run_states_its_task_once()
    {
        List<SessionMessage> transcript = [SessionMessage.User("build the report", At) with { Sequence = 1 }];

        var marker = ContextRebuildMarker.For("build the report", "DIGEST", transcript, step: 2, At);

        Assert.Contains("Your task: build the report\n\nDIGEST", marker.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Latest instruction", marker.Text, StringComparison.Ordinal);
    }
}
