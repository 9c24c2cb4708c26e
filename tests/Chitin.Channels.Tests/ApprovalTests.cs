using Chitin.Channels.Approvals;
using Chitin.Channels.Pairing;
using Chitin.Channels.Tests.Support;
using Chitin.Testing.Scripting;
using Microsoft.Extensions.Time.Testing;

namespace Chitin.Channels.Tests;

/// <summary>A tool call that needs approval asks the session's chat with an inline keyboard; silence means deny.</summary>
public sealed class ApprovalTests
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromMinutes(5);

    /// <summary>Reads notes.txt, then reports what the tool said.</summary>
    private static ModelScript ReadNotes() => ModelScript.FromResponder(request =>
        request.LastToolResults.Count == 0
            ? ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}"""))
            : ScriptStep.Text("tool said: " + request.LastToolResults[0].Content));

    [Fact]
    public async Task No_answer_within_the_configured_time_denies_the_call()
    {
        await using var rig = await TelegramRig.StartAsync(ReadNotes());
        File.WriteAllText(Path.Combine(rig.Folder.Workspace, "notes.txt"), "the secret plan\n");
        var time = new FakeTimeProvider();
        var approver = new ChannelToolApprover(rig.Approvals, AnswerWithin, time);
        var channel = rig.Channel(rig.Settings(AccessPolicy.Allowlist, "6"), await rig.HostAsync(approver));
        await channel.StartAsync(TelegramRig.Timeout());

        rig.Telegram.SendText(6, 6, "what is in my notes?");
        var question = await rig.Telegram.WaitForSentAsync(m => m.Keyboard.Count == 2, TelegramRig.Timeout());
        time.Advance(AnswerWithin - TimeSpan.FromSeconds(1));
        Assert.Equal(1, rig.Approvals.Waiting);
        time.Advance(TimeSpan.FromSeconds(1));
        var reply = await rig.Telegram.WaitForSentAsync(m => m.Text.StartsWith("tool said:", StringComparison.Ordinal), TelegramRig.Timeout());
        await channel.WaitUntilIdleAsync(TelegramRig.Timeout());

        Assert.Equal(6, question.ChatId);
        Assert.Contains("read_file", question.Text, StringComparison.Ordinal);
        Assert.Contains("denied", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret plan", reply.Text, StringComparison.Ordinal);
        Assert.Contains(rig.Telegram.Sent, m => m.Method == "editMessageText" && m.MessageId == question.MessageId && m.Text.EndsWith("No answer in time: denied.", StringComparison.Ordinal));
        Assert.Equal(0, rig.Approvals.Waiting);
    }

    [Fact]
    public async Task Tapping_allow_lets_the_call_run_in_the_same_session()
    {
        await using var rig = await TelegramRig.StartAsync(ReadNotes());
        File.WriteAllText(Path.Combine(rig.Folder.Workspace, "notes.txt"), "the secret plan\n");
        var approver = new ChannelToolApprover(rig.Approvals, AnswerWithin, new FakeTimeProvider());
        var channel = rig.Channel(rig.Settings(AccessPolicy.Allowlist, "6"), await rig.HostAsync(approver));
        await channel.StartAsync(TelegramRig.Timeout());

        rig.Telegram.SendText(6, 6, "what is in my notes?");
        var question = await rig.Telegram.WaitForSentAsync(m => m.Keyboard.Count == 2, TelegramRig.Timeout());
        rig.Telegram.Press(question, 6, question.Keyboard.Single(k => k.EndsWith(":allow", StringComparison.Ordinal)));
        var reply = await rig.Telegram.WaitForSentAsync(m => m.Text.StartsWith("tool said:", StringComparison.Ordinal), TelegramRig.Timeout());

        Assert.Contains("secret plan", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Allowed.", rig.Telegram.CallbackAnswers);
    }
}
