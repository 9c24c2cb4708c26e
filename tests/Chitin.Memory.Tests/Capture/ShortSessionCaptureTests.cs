using Chitin.Core.Sessions;
using Chitin.Memory.Capture;
using Chitin.Testing.InProcess;

namespace Chitin.Memory.Tests.Capture;

/// <summary>At a run's end, a session whose whole transcript is under the minimum is dismissed without reading its mark.</summary>
public sealed class ShortSessionCaptureTests
{
    private const string NoFacts = """{"facts":[]}""";

    [Fact]
    public async Task A_whole_session_under_the_minimum_reads_no_mark_and_makes_no_call()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "Say something."), (MessageRole.Assistant, "Something."));
        var transcript = await stores.Sessions.LoadMessagesAsync(session, CancellationToken.None);
        var marks = new CountingMarks(stores.Marks);
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(NoFacts));
        var capture = new MemoryCapture(stores.Memory, stores.Sessions, stores.Sessions, model, CaptureStores.Options() with { Marks = marks });

        var result = await capture.CaptureAsync(session, "default", stores.Workspace, transcript, CancellationToken.None, minNewTokens: 1_000);

        Assert.Equal(MemoryCaptureStatus.NothingNew, result.Status);
        Assert.Equal(0, marks.Reads);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task A_session_over_the_minimum_reads_its_mark_and_sends_only_what_is_after_it()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."), (MessageRole.Assistant, "Noted."));
        var marks = new CountingMarks(stores.Marks);
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(NoFacts));
        var capture = new MemoryCapture(stores.Memory, stores.Sessions, stores.Sessions, model, CaptureStores.Options() with { Marks = marks });
        await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);
        var longText = string.Join(' ', Enumerable.Repeat("The build server lives in the basement next to the coffee machine.", 80));
        await stores.AppendAsync(session, (MessageRole.User, longText), (MessageRole.Assistant, "Understood."));
        var transcript = await stores.Sessions.LoadMessagesAsync(session, CancellationToken.None);

        var result = await capture.CaptureAsync(session, "default", stores.Workspace, transcript, CancellationToken.None, minNewTokens: 1_000);

        Assert.Equal(MemoryCaptureStatus.Captured, result.Status);
        Assert.Equal(2, marks.Reads);
        Assert.Equal(2, model.Calls);
        Assert.DoesNotContain("tabs", model.Received[1][1].Text, StringComparison.Ordinal);
        Assert.Contains("basement", model.Received[1][1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bound_covers_every_line_and_the_header_of_any_part_of_the_session()
    {
        var workspace = "/work/" + new string('w', 200);
        var messages = Enumerable.Range(1, 12)
            .Select(i => new SessionMessage { Sequence = long.MaxValue - 20 + i, Role = i % 2 == 0 ? MessageRole.Assistant : MessageRole.User, Text = $"Message number {i} about the project.", CreatedAt = DateTimeOffset.UnixEpoch })
            .ToList();

        for (var mark = 0; mark < messages.Count; mark++)
        {
            var part = messages.Skip(mark).ToList();
            var (text, _, _) = CapturePrompt.Transcript(part, workspace, 100_000, Chitin.Core.Context.TiktokenCounter.Instance);
            var tokens = Chitin.Core.Context.TokenBounds.Estimate(text);

            // Exactly at the part's estimate the whole session is not "surely below"; one token more it is.
            Assert.False(CapturePrompt.SurelyBelow(messages, workspace, tokens));
        }
    }
}
