using System.Text.Json;
using Chitin.Cli.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Security;

/// <summary>Secrets at rest: private files are created owner-only, and doctor flags a key file others can read.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretsAtRestTests : IAsyncLifetime
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

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
    public async Task Database_audit_log_and_trust_file_are_created_owner_only()
    {
        var result = await _sandbox.RunProcessAsync("run", "--yes", "write the note");
        await _sandbox.TrustWorkspaceAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var auditFolder = Path.Combine(_sandbox.Home, "audit");
        var auditFile = Assert.Single(Directory.GetFiles(auditFolder, "*.jsonl"));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(auditFolder));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(auditFile));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(_sandbox.DatabaseFile));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(_sandbox.Home, "trust.json")));

        // While a store is open the -wal and -shm files exist; SQLite gives them the database file's mode.
        await using (var store = await _sandbox.OpenStoreAsync())
        {
            _ = await store.ListSessionsAsync(1, CancellationToken.None);
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(_sandbox.DatabaseFile + "-wal"));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(_sandbox.DatabaseFile + "-shm"));
        }
    }

    [Fact]
    public async Task Doctor_fails_a_config_file_with_an_api_key_that_others_can_read_and_says_how_to_fix_it()
    {
        _sandbox.WriteUserConfig("""{ "provider": { "apiKey": "sk-test-0123456789abcdef0123456789" } }""");
        File.SetUnixFileMode(_sandbox.UserConfigFile, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var open = await _sandbox.RunAsync("doctor", "--json", "--offline");
        File.SetUnixFileMode(_sandbox.UserConfigFile, OwnerOnlyFile);
        var closed = await _sandbox.RunAsync("doctor", "--json", "--offline");

        var flagged = Check(open, "secrets at rest");
        Assert.Equal("fail", flagged.GetProperty("status").GetString());
        var detail = flagged.GetProperty("detail").GetString()!;
        Assert.Contains($"{_sandbox.UserConfigFile} holds provider.apiKey", detail, StringComparison.Ordinal);
        Assert.Contains("mode 0644", detail, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {_sandbox.UserConfigFile}", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-0123456789abcdef0123456789", open.AllOutput, StringComparison.Ordinal);
        Assert.NotEqual("fail", Check(closed, "secrets at rest").GetProperty("status").GetString());
    }

    private static JsonElement Check(CliResult doctor, string name)
    {
        var checks = JsonDocument.Parse(doctor.Stdout).RootElement.GetProperty("checks");
        return checks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
    }
}
