using Chitin.Core.Sessions;
using Chitin.Memory.Capture;
using Chitin.Memory.Model;
using Chitin.Security.Redaction;
using Chitin.Testing.InProcess;
using Microsoft.Extensions.AI;

namespace Chitin.Memory.Tests.Capture;

public sealed class MemoryCaptureTests
{
    private const string TabsFact = """{"facts":[{"text":"The user prefers tabs over spaces.","layer":"semantic","scope":"user","subject":"user.indentation","tags":["style"],"message":1}]}""";

    [Fact]
    public async Task Facts_in_new_messages_are_stored_with_their_source_message_and_the_call_is_structured_and_bounded()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."), (MessageRole.Assistant, "Noted, tabs it is."));
        var model = ScriptedChatClient.FromTurns(new ScriptedTurn { Text = TabsFact, InputTokens = 321, OutputTokens = 45 });

        var result = await stores.Capture(model).CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.Captured, result.Status);
        Assert.Equal((1, 1, 0), (result.Extracted, result.Created, result.Duplicates));
        Assert.Equal(2, result.CapturedThrough);
        Assert.Null(result.Warning);
        var item = Assert.Single(await stores.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
        Assert.Equal([item.Id], result.ItemIds);
        Assert.Equal("The user prefers tabs over spaces.", item.Text);
        Assert.Equal(new MemorySource(MemorySourceKind.Message, session + ":1"), item.Source);
        Assert.Equal(["style"], item.Tags);

        var sent = Assert.Single(model.Received);
        Assert.Equal(ChatRole.System, sent[0].Role);
        Assert.StartsWith("You extract durable memories", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("Do not extract transient task details", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("#1 user: I prefer tabs over spaces.", sent[1].Text, StringComparison.Ordinal);
        Assert.Contains("#2 assistant: Noted, tabs it is.", sent[1].Text, StringComparison.Ordinal);
        var options = Assert.Single(model.ReceivedOptions)!;
        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("object", format.Schema!.Value.GetProperty("type").GetString());
        Assert.True(format.Schema.Value.GetProperty("properties").TryGetProperty("facts", out _));
        Assert.Equal("scripted-model", options.ModelId);
        Assert.Equal(CaptureStores.Options().MaxOutputTokens, options.MaxOutputTokens);

        var usage = Assert.Single(await stores.Sessions.LoadUsageAsync(session, CancellationToken.None));
        Assert.Equal((321L, 45L, 0), (usage.InputTokens, usage.OutputTokens, usage.Step));
        Assert.Equal("scripted", usage.Provider);
        Assert.Equal((usage.InputTokens, usage.OutputTokens, usage.CostUsd), (result.Usage!.InputTokens, result.Usage.OutputTokens, result.Usage.CostUsd));
        Assert.True(usage.CostUsd > 0);
    }

    [Fact]
    public async Task The_same_messages_are_never_sent_twice_and_a_capture_without_news_makes_no_call()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."), (MessageRole.Assistant, "Noted."));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say("""{"facts":[]}"""));
        var capture = stores.Capture(model);
        await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        var idle = await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);
        await stores.AppendAsync(session, (MessageRole.User, "Also, call me Sam."), (MessageRole.Assistant, "Sure, Sam."));
        var next = await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.NothingNew, idle.Status);
        Assert.Equal(2, idle.CapturedThrough);
        Assert.Equal(MemoryCaptureStatus.Captured, next.Status);
        Assert.Equal(4, next.CapturedThrough);
        Assert.Equal(2, model.Calls);
        var second = model.Received[1][1].Text;
        Assert.DoesNotContain("tabs", second, StringComparison.Ordinal);
        Assert.Contains("#3 user: Also, call me Sam.", second, StringComparison.Ordinal);
        Assert.Equal(4, await stores.Marks.GetCapturedThroughAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task Below_the_minimum_of_new_tokens_no_call_is_made_and_the_text_waits_for_a_later_capture()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."), (MessageRole.Assistant, "Noted."));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(TabsFact));
        var capture = stores.Capture(model);

        var waiting = await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None, minNewTokens: 5_000);
        var later = await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.NothingNew, waiting.Status);
        Assert.Equal(MemoryCaptureStatus.Captured, later.Status);
        Assert.Equal(1, model.Calls);
        Assert.Contains("I prefer tabs over spaces.", model.Received[0][1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fact_captured_again_is_a_duplicate_not_a_second_item()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(TabsFact));
        var capture = stores.Capture(model);
        await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);
        await stores.AppendAsync(session, (MessageRole.User, "Remember: tabs, not spaces."));

        var again = await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal((1, 0, 1), (again.Extracted, again.Created, again.Duplicates));
        Assert.Single(await stores.Memory.ListAsync(new MemoryListQuery { IncludeHistory = true }, CancellationToken.None));
    }

    [Fact]
    public async Task Secrets_are_redacted_from_facts_before_they_are_stored()
    {
        await using var stores = await CaptureStores.OpenAsync();
        const string key = "sk-proj-Q3x9ZtL8mV2pK7wR4nB6yH1cJ5dF0gS8aE2uT7iO";
        var session = await stores.NewSessionAsync((MessageRole.User, $"The staging key is {key}, use it for deploys."));
        var model = ScriptedChatClient.FromTurns(ScriptedTurn.Say(
            $$"""{"facts":[{"text":"Deploys to staging use the key {{key}}.","layer":"procedural","scope":"project","tags":["{{key}}"]}]}"""));
        var options = CaptureStores.Options() with { Redactor = new SecretRedactor() };

        await stores.Capture(model, options).CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        var item = Assert.Single(await stores.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
        Assert.DoesNotContain(key, item.Text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:openai-key]", item.Text, StringComparison.Ordinal);
        Assert.All(item.Tags, t => Assert.DoesNotContain(key, t, StringComparison.Ordinal));
        var history = await stores.Memory.GetHistoryAsync(item.Id, CancellationToken.None);
        Assert.All(history, h => Assert.DoesNotContain(key, h.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_answer_stores_nothing_keeps_the_mark_and_is_still_metered()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var answer = """{"facts":[{"text":"The user prefers tabs.","layer":"semantic","scope":"user"},{"text":"Half","layer":"semantic","scope":"everyone"}]}""";
        var model = ScriptedChatClient.FromTurns(ScriptedTurn.Say(answer));

        var result = await stores.Capture(model).CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.InvalidAnswer, result.Status);
        Assert.Contains("facts[1] has scope \"everyone\"", result.Warning, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", result.Warning, StringComparison.Ordinal);
        Assert.Empty(await stores.Memory.ListAsync(new MemoryListQuery { IncludeHistory = true }, CancellationToken.None));
        Assert.Equal(0, await stores.Marks.GetCapturedThroughAsync(session, CancellationToken.None));
        Assert.Single(await stores.Sessions.LoadUsageAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_model_call_is_a_warning_with_nothing_stored_or_metered()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var model = new ScriptedChatClient((_, _) => throw new HttpRequestException("connection refused"));

        var result = await stores.Capture(model).CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.ModelFailed, result.Status);
        Assert.Contains("connection refused", result.Warning, StringComparison.Ordinal);
        Assert.Null(result.Usage);
        Assert.Empty(await stores.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
        Assert.Empty(await stores.Sessions.LoadUsageAsync(session, CancellationToken.None));
        Assert.Equal(0, await stores.Marks.GetCapturedThroughAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task A_long_session_is_read_oldest_first_within_the_token_budget_and_the_rest_waits()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var messages = Enumerable.Range(1, 40)
            .Select(i => (i % 2 == 1 ? MessageRole.User : MessageRole.Assistant, $"Message {i}: " + string.Concat(Enumerable.Repeat("plain words about the weather ", 20))))
            .ToArray();
        var session = await stores.NewSessionAsync(messages);
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say("""{"facts":[]}"""));
        var capture = stores.Capture(model, CaptureStores.Options() with { MaxInputTokens = 2_000 });

        var first = await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);
        var second = await capture.CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.InRange(first.CapturedThrough, 2, 39);
        Assert.True(second.CapturedThrough > first.CapturedThrough);
        Assert.Contains("#1 user: Message 1:", model.Received[0][1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"#{first.CapturedThrough + 1} ", model.Received[0][1].Text, StringComparison.Ordinal);
        Assert.Contains($"#{first.CapturedThrough + 1} ", model.Received[1][1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("#1 user:", model.Received[1][1].Text, StringComparison.Ordinal);
        Assert.All(model.Received, r => Assert.True(Core.Context.TiktokenCounter.Instance.CountTokens(r[0].Text + r[1].Text) <= 2_000));
    }

    [Fact]
    public async Task More_facts_than_allowed_are_cut_to_the_cap_with_a_warning()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "Lots of preferences follow."));
        var facts = string.Join(',', Enumerable.Range(1, 4).Select(i => $$"""{"text":"Preference number {{i}} of the user is colour {{i * 11}}.","layer":"semantic","scope":"user","subject":"user.pref{{i}}"}"""));
        var model = ScriptedChatClient.FromTurns(ScriptedTurn.Say($$"""{"facts":[{{facts}}]}"""));

        var result = await stores.Capture(model, CaptureStores.Options() with { MaxFacts = 2 }).CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(2, result.Extracted);
        Assert.Contains("only the first 2", result.Warning, StringComparison.Ordinal);
        Assert.Equal(2, (await stores.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Only_tool_traffic_is_skipped_without_a_model_call()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.Tool, "file contents"));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say("""{"facts":[]}"""));

        var result = await stores.Capture(model).CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.NothingNew, result.Status);
        Assert.Equal(1, result.CapturedThrough);
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task Capture_switched_off_reads_and_writes_nothing()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "I prefer tabs over spaces."));
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say(TabsFact));

        var result = await stores.Capture(model, CaptureStores.Options() with { Enabled = false }).CaptureAsync(session, "default", stores.Workspace, CancellationToken.None);

        Assert.Equal(MemoryCaptureStatus.Disabled, result.Status);
        Assert.Equal(0, model.Calls);
        Assert.Equal(0, await stores.Marks.GetCapturedThroughAsync(session, CancellationToken.None));
    }

    [Fact]
    public async Task Agent_scope_facts_belong_to_the_capturing_agent()
    {
        await using var stores = await CaptureStores.OpenAsync();
        var session = await stores.NewSessionAsync((MessageRole.User, "As my reviewer, always check the changelog first."));
        var model = ScriptedChatClient.FromTurns(ScriptedTurn.Say(
            """{"facts":[{"text":"When reviewing, check the changelog first.","layer":"procedural","scope":"agent"}]}"""));

        await stores.Capture(model).CaptureAsync(session, "reviewer", stores.Workspace, CancellationToken.None);

        var item = Assert.Single(await stores.Memory.ListAsync(new MemoryListQuery(), CancellationToken.None));
        Assert.Equal((MemoryScope.Agent, "reviewer"), (item.Scope, item.ScopeKey));
    }
}
