using Chitin.Memory.Model;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Hosting.Tests;

/// <summary>The memory judge's model calls are metered like every other call: a usage row each, booked to the judge.</summary>
public sealed class MemoryJudgeMeteringTests
{
    private static readonly MemoryViewer Writer = new("default", "/work/project", "ses_1");

    [Fact]
    public async Task A_judged_save_writes_a_usage_row_for_the_judge_call()
    {
        using var folder = new HostFolder();
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request =>
            request.SystemPrompt?.Contains("long-term memory", StringComparison.Ordinal) == true
                ? ScriptStep.Text("""{"judgement":"replaces"}""")
                : ScriptStep.Text("not a judge call")));
        var environment = folder.Environment("home", server);
        await using var host = await StartedHost.StartAsync(folder.Gateway(environment));
        var memory = host.Host.Memory!.Store;

        var dark = await memory.SaveAsync(Draft("User prefers dark mode"), Writer, CancellationToken.None);
        var light = await memory.SaveAsync(Draft("User prefers light mode"), Writer, CancellationToken.None);

        Assert.Equal(MemorySaveAction.Superseded, light.Action);
        Assert.Equal([dark.Item.Id], light.SupersededIds);
        var judgeCalls = server.Requests.Count(r => r.Body.Contains("long-term memory", StringComparison.Ordinal));
        Assert.Equal(1, judgeCalls);
        var row = Assert.Single(await host.Host.Store.LoadUsageAsync(ChitinHost.MemoryJudgeSession, CancellationToken.None));
        Assert.Equal(ChitinHost.MemoryJudgeAgent, row.Agent);
        Assert.Equal(host.Config.RequireModel(), row.Model);
        Assert.True(row.InputTokens > 0, "the judge's prompt tokens are counted");
        Assert.True(row.OutputTokens > 0, "the judge's answer tokens are counted");
    }

    private static MemoryDraft Draft(string text) =>
        new() { Text = text, Scope = MemoryScope.User, Layer = MemoryLayer.Semantic, Source = new MemorySource(MemorySourceKind.Cli) };
}
