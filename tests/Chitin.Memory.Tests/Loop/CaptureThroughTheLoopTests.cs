using System.Globalization;
using System.Text;
using Chitin.Core.Context;
using Chitin.Core.Events;
using Chitin.Core.Metering;
using Chitin.Memory.Model;
using Chitin.Testing.Scripting;

namespace Chitin.Memory.Tests.Loop;

/// <summary>Automatic capture through the real loop: before compaction, at the end of a run, metered, never half-written.</summary>
public sealed class CaptureThroughTheLoopTests
{
    private const string DeployFact = "The project deploys with `make ship` from the release branch.";

    [Fact]
    public async Task The_before_compact_flush_stores_facts_before_the_context_is_compacted()
    {
        var storedWhenCompacting = new List<string>();
        MemoryLoop? loopRef = null;
        await using var loop = await MemoryLoop.StartAsync(
            agent: request => request.LastToolResults.Count == 0
                ? ScriptStep.ToolCalls(Filler("Working notes", 3_000), new ScriptToolCall("memory_search", """{"query":"deploy"}"""))
                : ScriptStep.Text("done"),
            capture: request => ScriptStep.Text(request.LastUserText!.Contains("make ship", StringComparison.Ordinal)
                ? $$"""{"facts":[{"text":"{{DeployFact}}","layer":"procedural","scope":"project","subject":"project.deploy","message":1}]}"""
                : """{"facts":[]}"""),
            compact: _ =>
            {
                // Runs when the compaction request arrives: what is in the store at that moment?
                var items = loopRef!.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None).GetAwaiter().GetResult();
                lock (storedWhenCompacting)
                {
                    storedWhenCompacting.AddRange(items.Select(i => i.Text));
                }

                return ScriptStep.Text("## Goal\nShip the release.");
            });
        loopRef = loop;
        var context = new ContextOptions { ContextWindowTokens = 6_000 };
        var events = new List<AgentEvent>();

        var result = await loop.RunAsync(
            "We always deploy with `make ship` from the release branch. " + Filler("Background", 2_000),
            capture: loop.Capture(maxInputTokens: 12_000),
            context: context,
            events: events);

        var compacted = Assert.Single(events.OfType<ContextCompacted>());
        Assert.True(compacted.Summarized);
        var requests = loop.Server.Requests.Select(r => r.Parsed!.SystemPrompt ?? "").ToList();
        var firstCapture = requests.FindIndex(p => p.StartsWith(MemoryLoop.CapturePromptStart, StringComparison.Ordinal));
        var compaction = requests.FindIndex(p => p.StartsWith(MemoryLoop.CompactPromptStart, StringComparison.Ordinal));
        Assert.True(firstCapture >= 0 && compaction > firstCapture, $"capture at {firstCapture}, compaction at {compaction}");
        Assert.Equal([DeployFact], storedWhenCompacting);

        var item = Assert.Single(await loop.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
        Assert.Equal(DeployFact, item.Text);
        Assert.Equal(MemoryLayer.Procedural, item.Layer);
        Assert.Equal(MemoryScope.Project, item.Scope);
        Assert.Equal(new MemorySource(MemorySourceKind.Message, result.SessionId + ":1"), item.Source);

        // The capture at the end of the run reads only what came after the flush.
        var captures = loop.CaptureRequests;
        Assert.Equal(2, captures.Count);
        Assert.True(captures[1].Index > compaction);
        Assert.DoesNotContain("make ship", captures[1].Parsed!.LastUserText, StringComparison.Ordinal);
        Assert.Contains("assistant: done", captures[1].Parsed!.LastUserText, StringComparison.Ordinal);
        Assert.Empty(loop.Warnings);
    }

    [Fact]
    public async Task A_capture_answer_that_is_not_valid_json_writes_nothing_warns_and_is_retried_next_time()
    {
        var answers = new Queue<string>(
        [
            """{"facts":[{"text":"The user prefers dark mode in every editor.","layer":"semantic","sco""",
            """{"facts":[{"text":"The user prefers dark mode in every editor.","layer":"semantic","scope":"user","subject":"user.theme"}]}""",
        ]);
        await using var loop = await MemoryLoop.StartAsync(capture: _ => ScriptStep.Text(answers.Dequeue()));
        var capture = loop.Capture();

        var first = await loop.RunAsync("I prefer dark mode in every editor.", capture: capture);

        var warning = Assert.Single(loop.Warnings);
        Assert.Contains("ignored the model's answer", warning, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", warning, StringComparison.Ordinal);
        Assert.Empty(await loop.Memory.ListAsync(new MemoryListQuery { IncludeHistory = true }, CancellationToken.None));
        Assert.Equal(0, await loop.Marks.GetCapturedThroughAsync(first.SessionId, CancellationToken.None));

        await loop.RunAsync("Thanks.", sessionId: first.SessionId, capture: capture);

        Assert.Single(loop.Warnings);
        Assert.Contains("dark mode", loop.CaptureRequests[1].Parsed!.LastUserText, StringComparison.Ordinal);
        var item = Assert.Single(await loop.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
        Assert.Equal("The user prefers dark mode in every editor.", item.Text);
        Assert.Equal(4, await loop.Marks.GetCapturedThroughAsync(first.SessionId, CancellationToken.None));
    }

    [Theory]
    [InlineData(WireFormat.OpenAI)]
    [InlineData(WireFormat.Anthropic)]
    public async Task Capture_tokens_are_metered_in_the_sessions_usage_like_any_other_call(WireFormat format)
    {
        await using var loop = await MemoryLoop.StartAsync(
            capture: _ => ScriptStep.Text("""{"facts":[{"text":"The user's timezone is Europe/Lisbon.","layer":"semantic","scope":"user","subject":"user.timezone"}]}"""),
            format: format);

        var result = await loop.RunAsync("By the way, my timezone is Europe/Lisbon.", capture: loop.Capture());

        var usage = await loop.Store.LoadUsageAsync(result.SessionId, CancellationToken.None);
        Assert.Equal(2, usage.Count);
        var captureCall = Assert.Single(loop.CaptureRequests);
        var metered = usage.Single(u => u.Step == 0);
        Assert.Equal(captureCall.PromptTokens, metered.InputTokens);
        Assert.True(metered.OutputTokens > 0);
        Assert.Equal(loop.ProviderName, metered.Provider);
        if (format == WireFormat.OpenAI)
        {
            Assert.Contains("\"json_schema\"", captureCall.Body, StringComparison.Ordinal);
        }

        Assert.Equal("default", metered.Agent);
        Assert.StartsWith(MemoryLoop.Model, metered.Model, StringComparison.Ordinal);
        Assert.True(metered.CostUsd > 0);
        Assert.Equal(PriceTable.Defaults.Cost(metered.Model, metered.InputTokens, metered.CachedInputTokens, metered.CacheWriteTokens, metered.OutputTokens), metered.CostUsd);
        Assert.Equal(1, usage.Single(u => u.Step == 1).Step);

        var summary = await loop.Store.SummarizeAsync(UsageGrouping.Session, since: null, CancellationToken.None);
        Assert.Equal(usage.Sum(u => u.InputTokens), summary.Single().InputTokens);
        Assert.Equal("The user's timezone is Europe/Lisbon.", Assert.Single(await loop.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None)).Text);
        Assert.Empty(loop.Warnings);
    }

    [Fact]
    public async Task Capture_switched_off_makes_no_model_call()
    {
        await using var loop = await MemoryLoop.StartAsync();

        var result = await loop.RunAsync("My favourite language is OCaml.", capture: loop.Capture(enabled: false));

        Assert.Empty(loop.CaptureRequests);
        Assert.Single(await loop.Store.LoadUsageAsync(result.SessionId, CancellationToken.None));
        Assert.Empty(await loop.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
    }

    private static string Filler(string label, int approximateTokens)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < approximateTokens * 5; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{label} line {i}: the routine log lists ordinary readings and nothing more. ");
        }

        return text.ToString();
    }
}
