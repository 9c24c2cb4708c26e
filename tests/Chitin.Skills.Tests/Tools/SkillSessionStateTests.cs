using Chitin.Skills.Discovery;
using Chitin.Skills.Format;
using Chitin.Skills.Tools;

namespace Chitin.Skills.Tests.Tools;

public sealed class SkillSessionStateTests
{
    private static SkillEntry Entry(string name, string allowed = "") => new()
    {
        Directory = "/skills/" + name,
        Origin = SkillOrigin.User,
        Document = SkillDocument.Parse($"---\nname: {name}\ndescription: d. Use when x.\nallowed-tools: {allowed}\n---\n", name),
    };

    [Fact]
    public async Task Loads_from_many_threads_are_all_kept_per_session_in_first_load_order()
    {
        var state = new SkillSessionState();
        var names = Enumerable.Range(0, 50).Select(i => $"skill-{i:00}").ToArray();
        using var start = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            start.Wait();
            foreach (var name in names)
            {
                state.RecordLoad(worker % 2 == 0 ? "even" : "odd", Entry(name));
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(workers);

        Assert.Equal(names.Order(StringComparer.Ordinal), state.LoadedSkillNames("even").Order(StringComparer.Ordinal));
        Assert.Equal(50, state.LoadedSkillNames("odd").Count);
        Assert.Empty(state.LoadedSkillNames("other"));
    }

    [Fact]
    public void Reloading_refreshes_the_snapshot_and_forgetting_clears_the_session()
    {
        var state = new SkillSessionState();
        state.RecordLoad("s", Entry("a", "Read"));
        state.RecordLoad("s", Entry("b"));
        state.RecordLoad("s", Entry("a", "Bash(git:*)"));
        state.ApproveWarnings("s", "a", "hash");

        Assert.Equal(["a", "b"], state.LoadedSkillNames("s"));
        Assert.Equal(["Bash(git:*)"], state.LoadedSkills("s")[0].AllowedTools);
        Assert.True(state.IsLoaded("s", "b"));
        Assert.True(state.AreWarningsApproved("s", "a", "hash"));
        Assert.False(state.AreWarningsApproved("s", "a", null));

        state.Forget("s");

        Assert.Empty(state.LoadedSkillNames("s"));
        Assert.False(state.AreWarningsApproved("s", "a", "hash"));
    }
}
