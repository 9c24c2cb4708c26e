using System.Text.Json;
using Chitin.Cli.Tests.Support;
using System.Text.RegularExpressions;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Packaging;

/// <summary>
/// The chitin that scripts/setup publishes to artifacts/chitin and ./chitin runs (ReadyToRun; a Native AOT build can be
/// checked the same way): what the JIT build of the tests does not cover — the published file set, both provider SDKs'
/// JSON, the embedded model read as data, SQLite and ONNX Runtime as native libraries, the sandbox launcher.
/// </summary>
public sealed class PublishedCliTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly CliSandbox _sandbox = new();
    private ScriptedModelServer _server = null!;

    /// <summary>artifacts/chitin/chitin in this checkout; scripts/setup (which .ci/run runs first) publishes it.</summary>
    public static string PublishedChitin()
    {
        var binary = Path.Combine(RepositoryFolder.Root(), "artifacts", "chitin", "chitin");
        return File.Exists(binary)
            ? binary
            : throw new FileNotFoundException($"{binary} is missing: run scripts/setup first (it publishes the CLI that ./chitin runs).", binary);
    }

    public async Task InitializeAsync() => _server = await ScriptedModelServer.StartAsync(Scripts.WriteThenRead());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Version_prints_the_same_version_as_the_built_cli()
    {
        var result = await RunAsync("--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(CliVersion.Text.Split('+')[0], result.Stdout.Trim().Split('+')[0]);
    }

    [Fact]
    public async Task A_run_against_an_openai_compatible_endpoint_uses_tools_and_finishes()
    {
        _sandbox.UseServer(_server);

        await AssertWriteThenReadAsync();
        Assert.All(_server.Requests, r => Assert.Equal(WireFormat.OpenAI, r.WireFormat));
    }

    [Fact]
    public async Task A_run_against_an_anthropic_endpoint_uses_tools_and_finishes()
    {
        _sandbox.Environment["ANTHROPIC_BASE_URL"] = _server.BaseUrl;
        _sandbox.Environment["ANTHROPIC_API_KEY"] = "test-key";
        _sandbox.Environment["CHITIN_MODEL"] = _server.Models[0];

        await AssertWriteThenReadAsync();
        Assert.All(_server.Requests, r => Assert.Equal(WireFormat.Anthropic, r.WireFormat));
    }

    [Fact]
    public async Task Memory_search_finds_a_paraphrase_through_the_bundled_embedding_model()
    {
        foreach (var fact in new[] { "The user's car is a red Toyota hatchback.", "Deployments happen every Thursday afternoon.", "The office plants are watered on Mondays." })
        {
            var added = await RunAsync("memory", "add", fact, "--scope", "user", "--json");
            Assert.True(added.ExitCode == 0, added.ToString());
        }

        // No content word in common with the car fact: only the semantic (vector) half can find it.
        var search = await RunAsync("memory", "search", "which automobile do they drive", "--json");

        Assert.True(search.ExitCode == 0, search.ToString());
        using var hits = JsonDocument.Parse(search.Stdout);
        Assert.True(hits.RootElement.GetArrayLength() > 0, "no hit: " + search);
        Assert.Equal("The user's car is a red Toyota hatchback.", hits.RootElement[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_demo_finishes_with_its_shell_step_in_a_sandbox()
    {
        var result = await RunAsync("demo");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("run_shell returned: \"Exit code 0", result.Stdout, StringComparison.Ordinal);
        // bubblewrap (scripts/setup installs it), or the native Landlock launcher published next to chitin.
        Assert.Matches(new Regex(@"^sandbox\s+(bubblewrap|landlock)\s*$", RegexOptions.Multiline), result.Stdout);
    }

    private async Task AssertWriteThenReadAsync()
    {
        var result = await RunAsync("run", "--yes", "--json", "write the note");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("done", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(Scripts.FinalAnswer, json.RootElement.GetProperty("final_text").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("tool_calls").GetInt32());
        Assert.Equal(Scripts.NoteContent, await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, Scripts.NoteFile)));
        Assert.Equal(3, _server.Requests.Count);
    }

    private async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = ChitinProcess.Start(args, _sandbox.Environment, _sandbox.Workspace, binary: PublishedChitin());
        var exit = await process.WaitForExitAsync(Deadline);
        return new CliResult(exit, process.Stdout, process.Stderr);
    }
}
