using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Core.Serialization;
using Chitin.Core.Sessions;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Sessions;

public sealed class SessionsCommandTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;
    private string _sessionId = "";

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());
        _sandbox.UseServer(_server);
        var run = await _sandbox.RunAsync("run", "--yes", "--json", "write the note");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        _sessionId = json.RootElement.GetProperty("session_id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task List_shows_the_session_as_a_table_and_as_json()
    {
        var table = await _sandbox.RunAsync("sessions", "list");
        var json = await _sandbox.RunAsync("sessions", "list", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains(_sessionId, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("scripted-model", table.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        var session = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(_sessionId, session.GetProperty("id").GetString());
        Assert.Equal(6, session.GetProperty("message_count").GetInt64());
    }

    [Fact]
    public async Task Show_prints_details_and_the_transcript()
    {
        var show = await _sandbox.RunAsync("sessions", "show", _sessionId);
        var json = await _sandbox.RunAsync("sessions", "show", _sessionId, "--json");

        Assert.Equal(0, show.ExitCode);
        Assert.Contains("## User", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("write the note", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Tool call `write_file`", show.Stdout, StringComparison.Ordinal);
        Assert.Contains(Scripts.FinalAnswer, show.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 model calls", show.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(_sessionId, document.RootElement.GetProperty("session").GetProperty("id").GetString());
        Assert.Equal(6, document.RootElement.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Jsonl_export_holds_every_message_one_per_line()
    {
        var export = await _sandbox.RunAsync("sessions", "export", _sessionId, "--format", "jsonl");

        Assert.Equal(0, export.ExitCode);
        var exported = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize(line, CoreJsonContext.Default.SessionMessage)!)
            .ToList();
        await using var store = await _sandbox.OpenStoreAsync();
        var stored = await store.LoadMessagesAsync(_sessionId, CancellationToken.None);
        Assert.Equal(stored.Select(m => (m.Sequence, m.Role, m.Text, m.ToolCallId)), exported.Select(m => (m.Sequence, m.Role, m.Text, m.ToolCallId)));
        Assert.Equal("write_file", exported.First(m => m.ToolCalls is { Count: > 0 }).ToolCalls![0].Name);
    }

    [Fact]
    public async Task Markdown_export_to_a_file_is_readable()
    {
        var file = Path.Combine(_sandbox.Root, "transcript.md");

        var export = await _sandbox.RunAsync("sessions", "export", _sessionId, "--format", "md", "--out", file);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Empty(export.Stdout);
        var markdown = await File.ReadAllTextAsync(file);
        Assert.Contains("## User\n\nwrite the note", markdown, StringComparison.Ordinal);
        Assert.Contains("```json\n{\n  \"path\": \"note.txt\"", markdown, StringComparison.Ordinal);
        Assert.Contains("### Result of `read_file`", markdown, StringComparison.Ordinal);
        Assert.Contains(Scripts.NoteContent, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_the_session_and_a_second_delete_says_it_is_gone()
    {
        var delete = await _sandbox.RunAsync("sessions", "delete", _sessionId);
        var again = await _sandbox.RunAsync("sessions", "delete", _sessionId, "--json");
        var show = await _sandbox.RunAsync("sessions", "show", _sessionId);

        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(2, again.ExitCode);
        using var json = JsonDocument.Parse(again.Stdout);
        Assert.Equal("not_found", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, show.ExitCode);
        Assert.Contains("sessions list", show.Stderr, StringComparison.Ordinal);
        await using var store = await _sandbox.OpenStoreAsync();
        Assert.Empty(await store.ListSessionsAsync(10, CancellationToken.None));
        Assert.Empty(await store.LoadUsageAsync(_sessionId, CancellationToken.None));
    }

    [Fact]
    public async Task Export_to_an_unwritable_place_fails_clearly_and_keeps_the_session()
    {
        var file = Path.Combine(_sandbox.Root, "missing-folder", "t.md");

        var export = await _sandbox.RunAsync("sessions", "export", _sessionId, "--out", file);

        Assert.Equal(1, export.ExitCode);
        Assert.Contains("cannot write", export.Stderr, StringComparison.Ordinal);
        await using var store = await _sandbox.OpenStoreAsync();
        Assert.NotNull(await store.GetSessionAsync(_sessionId, CancellationToken.None));
    }

    [Fact]
    public async Task Usage_report_shows_cached_tokens()
    {
        await using var store = await _sandbox.OpenStoreAsync();
        var cached = (await store.LoadUsageAsync(_sessionId, CancellationToken.None)).Sum(u => u.CachedInputTokens);
        Assert.True(cached > 0);

        var table = await _sandbox.RunAsync("usage", "--by", "model");
        var json = await _sandbox.RunAsync("usage", "--json", "--since", "1d");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("cached", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("cache hit", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("scripted-model", table.Stdout, StringComparison.Ordinal);
        Assert.Contains(cached.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), table.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        var total = document.RootElement.GetProperty("total");
        Assert.Equal(cached, total.GetProperty("cached_input_tokens").GetInt64());
        Assert.Equal(3, total.GetProperty("calls").GetInt64());
        Assert.True(total.GetProperty("cost_usd").GetDecimal() > 0);
        Assert.Equal("day", document.RootElement.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Usage_since_filters_and_rejects_what_it_cannot_read()
    {
        var future = await _sandbox.RunAsync("usage", "--json", "--since", "2999-01-01");
        var bad = await _sandbox.RunAsync("usage", "--since", "last tuesday");

        using var document = JsonDocument.Parse(future.Stdout);
        Assert.Equal(0, document.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--since", bad.Stderr, StringComparison.Ordinal);
    }
}
