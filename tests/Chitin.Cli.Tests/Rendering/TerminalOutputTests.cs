using Chitin.Cli.Hosting;
using Chitin.Hosting;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Rendering;

public sealed class TerminalOutputTests : IAsyncLifetime
{
    private const string Escape = "\u001b[";
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());
        _sandbox.UseServer(_server);
        _sandbox.Environment["TERM"] = "xterm-256color";
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task On_a_terminal_progress_is_coloured_but_the_answer_on_stdout_stays_plain()
    {
        var (exit, stdout, stderr) = await RunOnTerminalAsync();

        Assert.Equal(0, exit);
        Assert.Contains(Escape, stderr, StringComparison.Ordinal);
        Assert.Contains("write_file", stderr, StringComparison.Ordinal);
        Assert.Contains(Scripts.FinalAnswer, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("TERM", "dumb")]
    public async Task Ci_or_a_dumb_terminal_gets_plain_lines(string variable, string value)
    {
        _sandbox.Environment[variable] = value;

        var (exit, _, stderr) = await RunOnTerminalAsync();

        Assert.Equal(0, exit);
        Assert.Contains("→ write_file", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, stderr, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunOnTerminalAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            Environment = _sandbox.Environment,
            WorkingDirectory = _sandbox.Workspace,
            IsOutputTerminal = true,
            IsErrorTerminal = true,
        };
        var exit = await ChitinCli.RunAsync(["run", "--yes", "write the note"], context);
        return (exit, output.ToString(), error.ToString());
    }
}
