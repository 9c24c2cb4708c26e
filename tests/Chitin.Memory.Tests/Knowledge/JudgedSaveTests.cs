using Chitin.Memory.Knowledge;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Chitin.Memory.Tests.Storage;
using Chitin.Testing.InProcess;
using static Chitin.Memory.Tests.Storage.MemoryStoreFolder;

namespace Chitin.Memory.Tests.Knowledge;

public sealed class JudgedSaveTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("{\"judgement\":\"replaces\"}", MemorySaveAction.Superseded)]
    [InlineData("{\"judgement\":\"same\"}", MemorySaveAction.Duplicate)]
    [InlineData("{\"judgement\":\"independent\"}", MemorySaveAction.Created)]
    [InlineData("{\"judgement\":\"unsure\"}", MemorySaveAction.Conflict)]
    [InlineData("I think they are the same", MemorySaveAction.Conflict)]
    public async Task The_judge_decides_ambiguous_saves(string answer, MemorySaveAction expected)
    {
        await using var folder = new MemoryStoreFolder();
        var model = ScriptedChatClient.FromTurns(ScriptedTurn.Say(answer));
        var store = await folder.OpenAsync(new MemoryStoreOptions { Judge = new ChatMemoryJudge(model), Time = folder.Clock });
        var dark = await store.SaveAsync(Draft("User prefers dark mode"), Writer, None);

        var light = await store.SaveAsync(Draft("User prefers light mode"), Writer, None);

        Assert.Equal(expected, light.Action);
        Assert.Equal(1, model.Calls);
        var darkNow = (await store.GetAsync(dark.Item.Id, None))!;
        switch (expected)
        {
            case MemorySaveAction.Superseded:
                Assert.Equal([dark.Item.Id], light.SupersededIds);
                Assert.Equal(light.Item.Id, darkNow.SupersededBy);
                break;
            case MemorySaveAction.Duplicate:
                Assert.Equal(dark.Item.Id, light.Item.Id);
                Assert.Single(await store.ListAsync(new MemoryListQuery(), None));
                break;
            case MemorySaveAction.Created:
                Assert.Null(darkNow.ValidTo);
                Assert.Empty(await store.ListConflictsAsync(None));
                break;
            default:
                Assert.Contains("judge was unsure", Assert.Single(await store.ListConflictsAsync(None)).Reason, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task A_failing_judge_stores_the_fact_and_records_a_conflict()
    {
        await using var folder = new MemoryStoreFolder();
        var model = ScriptedChatClient.FromTurns(new ScriptedTurn { Text = "{\"judgement\":\"replaces\"}", FailAfterUpdates = 0 });
        var store = await folder.OpenAsync(new MemoryStoreOptions { Judge = new ChatMemoryJudge(model), Time = folder.Clock });
        await store.SaveAsync(Draft("User prefers dark mode"), Writer, None);

        var light = await store.SaveAsync(Draft("User prefers light mode"), Writer, None);

        Assert.Equal(MemorySaveAction.Conflict, light.Action);
        Assert.Contains("judge failed", Assert.Single(await store.ListConflictsAsync(None)).Reason, StringComparison.Ordinal);
        Assert.NotNull(await store.GetAsync(light.Item.Id, None));
    }

    [Fact]
    public async Task Clear_cases_never_ask_the_judge()
    {
        await using var folder = new MemoryStoreFolder();
        var model = ScriptedChatClient.FromTurns();
        var store = await folder.OpenAsync(new MemoryStoreOptions { Judge = new ChatMemoryJudge(model), Time = folder.Clock });

        await store.SaveAsync(Draft("The user's editor is Vim"), Writer, None);
        var superseded = await store.SaveAsync(Draft("The user's editor is Helix"), Writer, None);
        var duplicate = await store.SaveAsync(Draft("the user's editor is helix."), Writer, None);
        var unrelated = await store.SaveAsync(Draft("The user has two cats"), Writer, None);

        Assert.Equal(
            [MemorySaveAction.Superseded, MemorySaveAction.Duplicate, MemorySaveAction.Created],
            new[] { superseded.Action, duplicate.Action, unrelated.Action });
        Assert.Equal(0, model.Calls);
    }
}
