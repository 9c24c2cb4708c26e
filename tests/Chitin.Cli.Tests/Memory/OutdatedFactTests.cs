using System.Text.Json;
using Chitin.Cli.Tests.Support;

namespace Chitin.Cli.Tests.Memory;

/// <summary>The standup example, as a new user types it: a restated fact with another time replaces the older one.</summary>
public sealed class OutdatedFactTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_moved_standup_time_supersedes_the_old_one_ranks_first_and_is_listed_as_a_conflict_to_settle()
    {
        var first = await _sandbox.RunAsync("memory", "add", "The team standup is at 09:00 every day.", "--json");
        var second = await _sandbox.RunAsync("memory", "add", "The team standup moved to 10:30 every day.", "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        var oldId = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("item").GetProperty("id").GetString()!;
        using var saved = JsonDocument.Parse(second.Stdout);
        var newId = saved.RootElement.GetProperty("item").GetProperty("id").GetString()!;
        Assert.Equal("superseded", saved.RootElement.GetProperty("action").GetString());

        using var search = JsonDocument.Parse((await _sandbox.RunAsync("memory", "search", "when is the team standup", "--json")).Stdout);
        Assert.Equal("The team standup moved to 10:30 every day.", search.RootElement[0].GetProperty("text").GetString());
        Assert.DoesNotContain(search.RootElement.EnumerateArray(), i => i.GetProperty("id").GetString() == oldId);

        var listed = await _sandbox.RunAsync("memory", "conflicts", "--json");
        using var conflicts = JsonDocument.Parse(listed.Stdout);
        var conflict = Assert.Single(conflicts.RootElement.EnumerateArray().ToList());
        Assert.Equal(oldId, conflict.GetProperty("existing").GetProperty("id").GetString());
        Assert.Equal(newId, conflict.GetProperty("incoming").GetProperty("id").GetString());
        Assert.Contains("09:00 → 10:30", conflict.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Keeping the older value makes it current again and ends the newer one.
        var id = conflict.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await _sandbox.RunAsync("memory", "conflicts", "--resolve", id, "--keep", "existing")).ExitCode);
        using var after = JsonDocument.Parse((await _sandbox.RunAsync("memory", "search", "when is the team standup", "--json")).Stdout);
        Assert.Equal(oldId, after.RootElement[0].GetProperty("id").GetString());
        Assert.DoesNotContain(after.RootElement.EnumerateArray(), i => i.GetProperty("id").GetString() == newId);
    }

    [Fact]
    public async Task Two_servers_with_other_numbers_are_two_facts_and_neither_replaces_the_other()
    {
        await _sandbox.RunAsync("memory", "add", "Server 1 hosts the billing service.");
        var second = await _sandbox.RunAsync("memory", "add", "Server 2 hosts the billing service.", "--json");

        using var saved = JsonDocument.Parse(second.Stdout);
        Assert.NotEqual("superseded", saved.RootElement.GetProperty("action").GetString());
        using var listed = JsonDocument.Parse((await _sandbox.RunAsync("memory", "list", "--json")).Stdout);
        Assert.Equal(2, listed.RootElement.GetArrayLength());
    }
}
