using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Security;

/// <summary>Secrets of the invocation's environment and the configured provider key never reach the model or the terminal.</summary>
public sealed class RedactionTests : IDisposable
{
    private const string EnvironmentSecret = "acme-7f3e9b2c4d1a8e6f";
    private const string ProviderKey = "custom-provider-key-5e8a1c9f";

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Secrets_printed_by_run_shell_are_redacted_before_the_model_and_the_terminal_see_them()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(request => request.ToolResultCount == 0
            ? ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"cat creds.txt"}"""))
            : ScriptStep.Text("I saw: " + request.AllToolResults.Last().Content)));
        _sandbox.UseServer(server);
        _sandbox.Environment["ACME_SERVICE_TOKEN"] = EnvironmentSecret;
        _sandbox.WriteUserConfig($$"""{ "provider": { "apiKey": "{{ProviderKey}}" } }""");
        await File.WriteAllTextAsync(Path.Combine(_sandbox.Workspace, "creds.txt"), $"token={EnvironmentSecret}\nkey {ProviderKey}\n");

        var result = await _sandbox.RunAsync("run", "--yes", "--events", "ndjson", "show me the credentials");

        Assert.True(result.ExitCode == 0, result.ToString());
        var seen = server.Requests.Select(r => r.Parsed).OfType<ScriptRequest>().SelectMany(r => r.AllToolResults).Single().Content;
        Assert.Contains("[REDACTED:env:ACME_SERVICE_TOKEN]", seen, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:provider-api-key]", seen, StringComparison.Ordinal);
        Assert.DoesNotContain(EnvironmentSecret, result.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderKey, result.AllOutput, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:env:ACME_SERVICE_TOKEN]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_the_cli_prints_pass_through_the_redactor()
    {
        _sandbox.Environment["ACME_DB_PASSWORD"] = EnvironmentSecret;
        _sandbox.WriteUserConfig($$"""{ "model": "m", "limits": { "maxSteps": "{{EnvironmentSecret}}" } }""");

        var result = await _sandbox.RunAsync("run", "--json", "hi");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("limits.maxSteps must be a positive integer, got \"[REDACTED:env:ACME_DB_PASSWORD]\"", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(EnvironmentSecret, result.AllOutput, StringComparison.Ordinal);
    }
}
