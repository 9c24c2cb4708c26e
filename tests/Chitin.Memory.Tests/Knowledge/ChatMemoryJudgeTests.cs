using Chitin.Memory.Knowledge;
using Chitin.Memory.Model;
using Chitin.Testing.InProcess;
using Microsoft.Extensions.AI;

namespace Chitin.Memory.Tests.Knowledge;

public sealed class ChatMemoryJudgeTests
{
    private static readonly MemoryItem Stored = new()
    {
        Id = "mem_00000000000000aa",
        Text = "User prefers dark mode",
        Source = new MemorySource(MemorySourceKind.Cli),
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        ValidFrom = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData("{\"judgement\":\"same\"}", MemoryJudgement.Same)]
    [InlineData("{\"judgement\": \"Replaces\"}", MemoryJudgement.Replaces)]
    [InlineData("```json\n{\"judgement\":\"independent\"}\n```", MemoryJudgement.Independent)]
    [InlineData("{\"judgement\":\"unsure\"}", MemoryJudgement.Unsure)]
    [InlineData("{\"judgement\":\"maybe\"}", MemoryJudgement.Unsure)]
    [InlineData("{\"judgement\":3}", MemoryJudgement.Unsure)]
    [InlineData("{\"verdict\":\"same\"}", MemoryJudgement.Unsure)]
    [InlineData("[\"same\"]", MemoryJudgement.Unsure)]
    [InlineData("same", MemoryJudgement.Unsure)]
    [InlineData("{\"judgement\":\"same\"", MemoryJudgement.Unsure)]
    [InlineData("", MemoryJudgement.Unsure)]
    [InlineData(null, MemoryJudgement.Unsure)]
    public void Only_a_valid_json_answer_counts(string? answer, MemoryJudgement expected) =>
        Assert.Equal(expected, ChatMemoryJudge.Parse(answer));

    [Fact]
    public async Task One_small_bounded_json_call_carries_both_texts()
    {
        var model = ScriptedChatClient.FromTurns(ScriptedTurn.Say("{\"judgement\":\"replaces\"}"));
        var judge = new ChatMemoryJudge(model);
        var incoming = new MemoryDraft { Text = "User now prefers light mode " + new string('x', 5_000), Source = new MemorySource(MemorySourceKind.Session) };

        var judgement = await judge.JudgeAsync(Stored, incoming, CancellationToken.None);

        Assert.Equal(MemoryJudgement.Replaces, judgement);
        Assert.Equal(1, model.Calls);
        var options = model.ReceivedOptions[0]!;
        Assert.True(options.MaxOutputTokens is > 0 and <= 100);
        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        var prompt = string.Join("\n", model.Received[0].Select(m => m.Text));
        Assert.Contains("User prefers dark mode", prompt, StringComparison.Ordinal);
        Assert.Contains("User now prefers light mode", prompt, StringComparison.Ordinal);
        Assert.True(prompt.Length < 4_000, $"the prompt should be clipped, was {prompt.Length} chars");
    }
}
