using System.CommandLine;
using Chitin.Cli.Commands;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Commands;

public sealed class HelpTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Every_command_option_and_argument_has_a_description()
    {
        var root = ChitinCli.BuildRootCommand(new CommandRuntime(_sandbox.Context(TextWriter.Null, TextWriter.Null)));
        var missing = new List<string>();
        void Visit(Command command, string path)
        {
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add(path);
            }

            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"{path} {o.Name}"));
            missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{path} <{a.Name}>"));
            foreach (var sub in command.Subcommands)
            {
                Visit(sub, $"{path} {sub.Name}");
            }
        }

        Visit(root, "chitin");

        Assert.Empty(missing);
        Assert.Equal(["run", "chat", "init", "doctor", "trust", "demo", "usage", "providers", "budget", "sessions", "runs", "context", "memory", "skills", "mcp", "gateway", "cron", "pairing"], root.Subcommands.Select(c => c.Name));
    }

    [Theory]
    [InlineData("run", "chitin run --json")]
    [InlineData("chat", "chitin chat --resume")]
    public async Task Run_and_chat_help_teach_with_examples(string command, string example)
    {
        var help = await _sandbox.RunAsync(command, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Examples:", help.Stdout, StringComparison.Ordinal);
        Assert.Contains(example, help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_help_lists_the_exit_codes_and_every_flag()
    {
        var help = await _sandbox.RunAsync("run", "--help");

        foreach (var flag in new[] { "--model", "--session", "--max-steps", "--yes", "--json", "--events", "--mode", "--allow", "--deny" })
        {
            Assert.Contains(flag, help.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("130 cancelled", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_is_a_usage_error_that_points_to_help()
    {
        var result = await _sandbox.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("chitin --help", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_subcommand_option_points_to_that_commands_help()
    {
        var result = await _sandbox.RunAsync("sessions", "list", "--colour");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("chitin sessions list --help", result.Stderr, StringComparison.Ordinal);
    }
}
