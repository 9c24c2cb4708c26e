using System.Text.Json;
using Chitin.Channels.Pairing;
using Chitin.Channels.Storage;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Channels;

/// <summary>chitin pairing list|approve against the codes a channel stored in chitin.db.</summary>
public sealed class PairingCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task A_pending_code_is_listed_and_approving_it_allows_the_sender()
    {
        PairingRequest request;
        using (var database = ChannelDatabase.Open(_sandbox.DatabaseFile))
        {
            request = new PairingStore(database, TimeProvider.System).Request("telegram", "4242", "alice", "4242");
        }

        var list = await _sandbox.RunAsync("pairing", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        using (var json = JsonDocument.Parse(list.Stdout))
        {
            var row = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(request.Code, row.GetProperty("code").GetString());
            Assert.Equal("4242", row.GetProperty("sender_id").GetString());
        }

        var table = await _sandbox.RunAsync("pairing", "list");
        Assert.Contains(request.Code, table.Stdout, StringComparison.Ordinal);

        var approve = await _sandbox.RunAsync("pairing", "approve", request.Code.ToLowerInvariant());
        Assert.Equal(0, approve.ExitCode);
        Assert.Contains("approved telegram sender 4242 (@alice)", approve.Stdout, StringComparison.Ordinal);

        var after = await _sandbox.RunAsync("pairing", "list", "--json");
        Assert.Equal("[]", after.Stdout.Trim());
        using (var database = ChannelDatabase.Open(_sandbox.DatabaseFile))
        {
            Assert.True(new PairingStore(database, TimeProvider.System).IsApproved("telegram", "4242"));
        }
    }

    [Fact]
    public async Task An_unknown_code_fails_with_a_hint()
    {
        var result = await _sandbox.RunAsync("pairing", "approve", "NOSUCHCODE");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no pending pairing request has the code 'NOSUCHCODE'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("chitin pairing list", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
