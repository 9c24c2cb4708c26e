using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Sessions;

/// <summary><c>sessions checkpoints</c>, <c>sessions rewind</c> and chat's /undo against a real run of the CLI.</summary>
public sealed class RewindCommandTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    private string Note => Path.Combine(_sandbox.Workspace, Scripts.NoteFile);

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());
        _sandbox.UseServer(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Checkpoints_list_the_files_a_turn_changed_and_rewind_stops_on_a_user_edit_until_forced()
    {
        var run = await _sandbox.RunAsync("run", "--yes", "--json", "write the note");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var runJson = JsonDocument.Parse(run.Stdout);
        var sessionId = runJson.RootElement.GetProperty("session_id").GetString()!;

        var list = await _sandbox.RunAsync("sessions", "checkpoints", sessionId, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var json = JsonDocument.Parse(list.Stdout))
        {
            var turn = Assert.Single(json.RootElement.GetProperty("checkpoints").EnumerateArray());
            Assert.Equal("turn", turn.GetProperty("kind").GetString());
            Assert.Equal("write the note", turn.GetProperty("prompt").GetString());
            var file = Assert.Single(turn.GetProperty("files").EnumerateArray());
            Assert.Equal(Scripts.NoteFile, file.GetProperty("path").GetString());
            Assert.Equal("created", file.GetProperty("change").GetString());
        }

        await File.WriteAllTextAsync(Note, "my own words");
        var stopped = await _sandbox.RunAsync("sessions", "rewind", sessionId, "--json");
        Assert.Equal(1, stopped.ExitCode);
        Assert.Equal("my own words", await File.ReadAllTextAsync(Note));
        using (var json = JsonDocument.Parse(stopped.Stdout))
        {
            Assert.Equal("conflict", json.RootElement.GetProperty("status").GetString());
            Assert.Equal(Scripts.NoteFile, Assert.Single(json.RootElement.GetProperty("conflicts").EnumerateArray()).GetString());
        }

        var forced = await _sandbox.RunAsync("sessions", "rewind", sessionId, "--turns", "1", "--force", "--json");
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.False(File.Exists(Note));
        using (var json = JsonDocument.Parse(forced.Stdout))
        {
            Assert.Equal("rewound", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("deleted", Assert.Single(json.RootElement.GetProperty("files").EnumerateArray()).GetProperty("change").GetString());
            Assert.Equal(6, json.RootElement.GetProperty("messages_rewound").GetInt32());
        }

        var show = await _sandbox.RunAsync("sessions", "show", sessionId, "--json");
        using (var json = JsonDocument.Parse(show.Stdout))
        {
            Assert.All(json.RootElement.GetProperty("messages").EnumerateArray(), m => Assert.True(m.GetProperty("rewound").GetBoolean()));
        }

        var bad = await _sandbox.RunAsync("sessions", "rewind", sessionId, "--turns", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--turns", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_in_chat_removes_the_file_the_turn_wrote_and_a_second_undo_brings_it_back()
    {
        var chat = await _sandbox.RunWithInputAsync("write the note\ny\n/undo\n/undo\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.True(chat.Stdout.Contains("rewound 1 turn(s) of", StringComparison.Ordinal), chat.ToString());
        Assert.Contains($": -{Scripts.NoteFile};", chat.Stdout, StringComparison.Ordinal);
        Assert.Contains($": +{Scripts.NoteFile};", chat.Stdout, StringComparison.Ordinal);
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(Note));

        var fresh = await _sandbox.RunWithInputAsync("/rewind 1\n", "chat");
        Assert.Contains("nothing to rewind", fresh.Stdout + fresh.Stderr, StringComparison.Ordinal);

        var doctor = await _sandbox.RunAsync("doctor", "--offline", "--json");
        using var json = JsonDocument.Parse(doctor.Stdout);
        var line = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "checkpoints");
        Assert.Contains("3 checkpoints of 1 sessions", line.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
