using Chitin.Cli.Tests.Support;
using Chitin.Core.Sessions;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Commands;

public sealed class ChatCommandTests : IAsyncLifetime
{
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

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
    public async Task Chat_streams_answers_asks_before_writing_and_handles_slash_commands()
    {
        var chat = await _sandbox.RunWithInputAsync("write the note\ny\n/usage\n/model\n/sessions\n/nonsense\n/exit\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Contains(Scripts.FinalAnswer, chat.Stdout, StringComparison.Ordinal);
        Assert.Contains("? allow write_file", chat.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("? allow read_file", chat.Stderr, StringComparison.Ordinal); // read-only tools never ask
        Assert.Contains("3 model calls", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("model: scripted-model", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("(this one)", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("unknown command /nonsense", chat.Stderr, StringComparison.Ordinal);
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, Scripts.NoteFile)));
    }

    [Fact]
    public async Task Always_allows_the_tool_for_the_rest_of_the_session_and_no_denies()
    {
        var chat = await _sandbox.RunWithInputAsync("write the note\na\nagain please\nsomething else\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Equal(1, CountOf(chat.Stderr, "? allow write_file"));

        File.Delete(Path.Combine(_sandbox.Workspace, Scripts.NoteFile));
        var denied = await _sandbox.RunWithInputAsync("write the note\nn\n", "chat");
        Assert.True(denied.ExitCode == 0, denied.ToString());
        Assert.False(File.Exists(Path.Combine(_sandbox.Workspace, Scripts.NoteFile)));
        Assert.Contains("refused", denied.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_continues_the_same_session()
    {
        var first = await _sandbox.RunWithInputAsync("write the note\ny\n", "chat");
        Assert.True(first.ExitCode == 0, first.ToString());
        await using var store = await _sandbox.OpenStoreAsync();
        var session = Assert.Single(await store.ListSessionsAsync(10, CancellationToken.None));

        var resumed = await _sandbox.RunWithInputAsync("and once more\ny\n/exit\n", "chat", "--resume", session.Id);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"resumed session {session.Id}", resumed.Stderr, StringComparison.Ordinal);
        Assert.Single(await store.ListSessionsAsync(10, CancellationToken.None));
        var users = (await store.LoadMessagesAsync(session.Id, CancellationToken.None)).Where(m => m.Role == MessageRole.User).Select(m => m.Text);
        Assert.Equal(["write the note", "and once more"], users);
    }

    [Fact]
    public async Task The_model_can_ask_the_user_a_question_with_options()
    {
        await using var asking = await ScriptedModelServer.StartAsync(Chitin.Testing.Scripting.ModelScript.FromResponder(request =>
            Scripts.ToolResultsThisTurn(request) == 0
                ? Chitin.Testing.Scripting.ScriptStep.ToolCalls(new Chitin.Testing.Scripting.ScriptToolCall("ask_user", """{"question":"Which colour?","options":["red","blue"]}"""))
                : Chitin.Testing.Scripting.ScriptStep.Text("You chose: " + request.AllToolResults.Last().Content)));
        _sandbox.UseServer(asking);

        var chat = await _sandbox.RunWithInputAsync("pick a colour\n2\n", "chat");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Contains("? the agent asks: Which colour?", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("2. blue", chat.Stderr, StringComparison.Ordinal);
        Assert.Contains("You chose: The user answered: blue", chat.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_of_an_unknown_session_is_a_usage_error()
    {
        var chat = await _sandbox.RunWithInputAsync("hi\n", "chat", "--resume", "nope");

        Assert.Equal(2, chat.ExitCode);
        Assert.Contains("no session 'nope'", chat.Stderr, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
