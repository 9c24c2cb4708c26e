using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Core.Context;
using Chitin.Core.Sessions;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Context;

/// <summary><c>chitin context</c>, <c>chitin sessions compact</c> and chat's /compact against the scripted model.</summary>
public sealed class ContextCommandTests : IAsyncLifetime
{
    private const string Summary = "## Goal\nWrite note.txt and check it.\n## Decisions\nNone.\n## State of the work\nThe note is written.\n## Files touched\nnote.txt\n## Open questions\nNone.";

    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    private IEnumerable<ScriptRequest> Requests => _server.Requests.Select(r => r.Parsed).OfType<ScriptRequest>();

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request =>
            request.SystemPrompt?.StartsWith("You compact", StringComparison.Ordinal) == true ? ScriptStep.Text(Summary) : Scripts.WriteThenReadStep(request)));
        _sandbox.UseServer(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Context_reports_each_layer_of_the_next_call_and_what_should_be_cached()
    {
        _sandbox.WriteProjectConfig("""{ "context": { "windowTokens": 64000 } }""");
        var sessionId = await RunAsync("write the note");

        using var report = await ContextJsonAsync(sessionId);

        var root = report.RootElement;
        var layers = Layers(root);
        Assert.Equal(["system prompt", "tool schemas", "loaded tools", "deferred tools", "conversation"], layers.Keys);
        Assert.Equal(0, layers["loaded tools"].GetProperty("items").GetInt32());
        Assert.Equal(0, layers["deferred tools"].GetProperty("tokens").GetInt32());
        await using (var store = await _sandbox.OpenStoreAsync())
        {
            var session = (await store.GetSessionAsync(sessionId, CancellationToken.None))!;
            Assert.Equal(TiktokenCounter.Instance.CountTokens(session.SystemPrompt!), layers["system prompt"].GetProperty("tokens").GetInt32());
        }

        // The loop's last request carried every message but the final answer; the next call adds that answer.
        var lastRequest = Requests.Last();
        Assert.Equal(lastRequest.Messages.Count + 1, layers["conversation"].GetProperty("items").GetInt32());
        Assert.Equal(lastRequest.ToolNames.Count, layers["tool schemas"].GetProperty("items").GetInt32());
        var total = root.GetProperty("total_tokens").GetInt32();
        Assert.Equal(layers.Values.Sum(l => l.GetProperty("tokens").GetInt32()), total);
        Assert.Equal(64000, root.GetProperty("window_tokens").GetInt32());
        Assert.Equal(Math.Round(total / 64000.0, 4), root.GetProperty("window_share").GetDouble(), 4);
        Assert.Equal(total, root.GetProperty("expected_cached_tokens").GetInt32()); // the session ends with the model's answer
        Assert.Equal(0, root.GetProperty("new_messages").GetInt32());

        // A message added since the last model call is sent uncached.
        await using (var store = await _sandbox.OpenStoreAsync())
        {
            await store.AppendMessageAsync(sessionId, SessionMessage.User("one more thing", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        using var after = await ContextJsonAsync(sessionId);
        var newTokens = after.RootElement.GetProperty("new_tokens").GetInt32();
        Assert.Equal(1, after.RootElement.GetProperty("new_messages").GetInt32());
        Assert.True(newTokens > 0);
        Assert.Equal(after.RootElement.GetProperty("total_tokens").GetInt32() - newTokens, after.RootElement.GetProperty("expected_cached_tokens").GetInt32());

        var human = await _sandbox.RunAsync("context", sessionId);
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("tool schemas", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("expected cached", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_compact_summarises_older_turns_records_the_call_and_the_next_turn_uses_the_summary()
    {
        _sandbox.WriteProjectConfig("""{ "context": { "windowTokens": 1000, "autoCompact": false } }""");
        var sessionId = await RunAsync("write the note");
        await RunAsync("do it once more", sessionId);
        var callsBefore = Requests.Count();

        var compact = await _sandbox.RunAsync("sessions", "compact", sessionId, "--json");

        Assert.True(compact.ExitCode == 0, compact.ToString());
        using (var json = JsonDocument.Parse(compact.Stdout))
        {
            var root = json.RootElement;
            Assert.Equal("compacted", root.GetProperty("status").GetString());
            Assert.True(root.GetProperty("summarized").GetBoolean());
            Assert.True(root.GetProperty("tokens_after").GetInt32() < root.GetProperty("tokens_before").GetInt32(), compact.Stdout);
            Assert.True(root.GetProperty("cost_usd").GetDecimal() > 0);
        }

        var summaryRequest = Assert.Single(Requests.Skip(callsBefore));
        Assert.StartsWith("You compact", summaryRequest.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("write the note", summaryRequest.LastUserText, StringComparison.Ordinal);
        await using (var store = await _sandbox.OpenStoreAsync())
        {
            var marker = (await store.LoadMessagesAsync(sessionId, CancellationToken.None))[^1];
            Assert.Equal(MessageKind.Compaction, marker.Kind);
            Assert.Equal(Summary, marker.Text);
            var usage = await store.LoadUsageAsync(sessionId, CancellationToken.None);
            Assert.Equal(callsBefore + 1, usage.Count);
        }

        using (var report = await ContextJsonAsync(sessionId))
        {
            var layers = Layers(report.RootElement);
            Assert.Contains("conversation summary", layers.Keys);
            // The marker came after the last model call: only the system prompt and tools are still a cached prefix.
            Assert.Equal(
                layers["system prompt"].GetProperty("tokens").GetInt32() + layers["tool schemas"].GetProperty("tokens").GetInt32(),
                report.RootElement.GetProperty("expected_cached_tokens").GetInt32());
        }

        await RunAsync("and a third time", sessionId);
        var next = Requests.Last(r => r.SystemPrompt?.StartsWith("You compact", StringComparison.Ordinal) != true);
        Assert.Contains(next.Messages, m => m.Text.Contains(ContextMessages.SummaryOpen, StringComparison.Ordinal) && m.Text.Contains("The note is written.", StringComparison.Ordinal));
        Assert.DoesNotContain(next.Messages, m => m.Text == "write the note");
    }

    [Fact]
    public async Task Sessions_compact_with_only_recent_turns_has_nothing_to_do()
    {
        var sessionId = await RunAsync("write the note");

        var compact = await _sandbox.RunAsync("sessions", "compact", sessionId);

        Assert.True(compact.ExitCode == 0, compact.ToString());
        Assert.Contains("nothing to compact", compact.Stdout, StringComparison.Ordinal);
        await using var store = await _sandbox.OpenStoreAsync();
        Assert.DoesNotContain(await store.LoadMessagesAsync(sessionId, CancellationToken.None), m => m.Kind == MessageKind.Compaction);
    }

    [Fact]
    public async Task Chat_compact_compacts_the_current_session()
    {
        _sandbox.WriteProjectConfig("""{ "context": { "windowTokens": 1000, "autoCompact": false } }""");

        var chat = await _sandbox.RunWithInputAsync("write the note\na\nagain please\n/compact\n/exit\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Contains("compacted session", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("older turns summarised by the model", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains(Requests, r => r.SystemPrompt?.StartsWith("You compact", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Unknown_sessions_are_usage_errors()
    {
        var context = await _sandbox.RunAsync("context", "no-such-session");
        var compact = await _sandbox.RunAsync("sessions", "compact", "no-such-session");

        Assert.Equal(2, context.ExitCode);
        Assert.Contains("no session 'no-such-session'", context.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, compact.ExitCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Out_of_range_context_settings_name_the_file_line_and_key()
    {
        _sandbox.WriteUserConfig(
            """
            {
              "context": {
                "windowTokens": 10,
                "compactAtShare": 0.3,
                "autoCompact": "sometimes"
              }
            }
            """);

        var result = await _sandbox.RunAsync("run", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{_sandbox.UserConfigFile} line 3: context.windowTokens must be the model's context window in tokens, from 1000", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{_sandbox.UserConfigFile} line 4: context.compactAtShare must be a number from 0.5 to 1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{_sandbox.UserConfigFile} line 5: context.autoCompact must be true or false", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string task, string? sessionId = null)
    {
        var result = sessionId is null
            ? await _sandbox.RunAsync("run", "--yes", "--json", task)
            : await _sandbox.RunAsync("run", "--yes", "--json", "--session", sessionId, task);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("session_id").GetString()!;
    }

    private async Task<JsonDocument> ContextJsonAsync(string sessionId)
    {
        var result = await _sandbox.RunAsync("context", sessionId, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout);
    }

    private static Dictionary<string, JsonElement> Layers(JsonElement root) =>
        root.GetProperty("layers").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!, l => l.Clone());
}
