using Chitin.Cli.Tests.Support;
using Chitin.Testing.Faults;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Commands;

/// <summary>One diagnostic log: Chitin's own lines and the provider SDK's land on stderr at CHITIN_LOG_LEVEL, secrets redacted.</summary>
public sealed class LoggingTests : IAsyncLifetime
{
    private const string Secret = "sk-test-logging-0123456789abcdefghijklmnop";
    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());
        _sandbox.UseServer(_server);
        _sandbox.Environment["OPENAI_API_KEY"] = Secret;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task At_information_a_retry_and_the_sdks_request_log_reach_stderr_without_the_key()
    {
        _sandbox.Environment["CHITIN_LOG_LEVEL"] = "information";
        _server.Faults.Enqueue(Fault.RateLimited(0));

        var result = await _sandbox.RunAsync("run", "--yes", "--json", "write the note and check it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: Chitin.Providers: Model request to", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(result.Stderr.Split('\n'), line => line.StartsWith("info: System.ClientModel", StringComparison.Ordinal) && line.Contains("/chat/completions", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("write the note", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_only_errors_are_logged_so_a_retried_run_prints_no_log_lines()
    {
        _server.Faults.Enqueue(Fault.RateLimited(0));

        var result = await _sandbox.RunAsync("run", "--yes", "--json", "write the note and check it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("warning: Chitin.Providers", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("info: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_level_is_named_and_warnings_are_logged_instead()
    {
        _sandbox.Environment["CHITIN_LOG_LEVEL"] = "verbose";
        _server.Faults.Enqueue(Fault.RateLimited(0));

        var result = await _sandbox.RunAsync("run", "--yes", "--json", "write the note and check it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("CHITIN_LOG_LEVEL='verbose' is not a log level; use trace, debug, information, warning, error, critical or none.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("warning: Chitin.Providers: Model request to", result.Stderr, StringComparison.Ordinal);
    }
}
