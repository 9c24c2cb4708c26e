using System.Text.Json;
using Chitin.Agents.Orchestration;
using Chitin.Core.Configuration;

namespace Chitin.Agents.Tests;

/// <summary>The "agents" config section: what each key accepts and how the layers bind to it.</summary>
public sealed class AgentsSettingsTests
{
    [Theory]
    [InlineData("maxRunning", "101")]
    [InlineData("maxRunning", "0")]
    [InlineData("maxDepth", "6")]
    [InlineData("budgetUsd", "-1")]
    [InlineData("enabled", "yes")]
    public void Bad_values_are_refused_with_what_the_key_needs(string key, string text)
    {
        var problem = AgentsSettings.Check(key, new OptionValue(JsonValueKind.String, text));

        Assert.NotNull(problem);
        Assert.StartsWith("must be", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_100_agent_swarm_binds_and_unset_keys_keep_their_defaults()
    {
        var values = new Dictionary<string, string> { ["enabled"] = "true", ["maxRunning"] = "100", ["maxChildren"] = "100", ["budgetUsd"] = "2.5" };

        var settings = AgentsSettings.Bind(new OptionReader(key => values.GetValueOrDefault(key)));

        Assert.Null(AgentsSettings.Check("maxRunning", new OptionValue(JsonValueKind.Number, "100")));
        Assert.True(settings.Enabled);
        Assert.Equal(100, settings.MaxRunning);
        Assert.Equal(100, settings.MaxChildren);
        Assert.Equal(2.5m, settings.BudgetUsd);
        Assert.Equal(AgentsSettings.Default.MaxDepth, settings.MaxDepth);
        Assert.Equal(1_500, settings.EnvelopeTokens);
    }
}
