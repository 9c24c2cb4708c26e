using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Tools.Tests;

public sealed class BuiltInToolsTests
{
    [Fact]
    public void The_default_set_has_the_four_tools_with_their_traits()
    {
        var tools = BuiltInTools.CreateDefault().ToDictionary(tool => tool.Name);

        Assert.Equal(["list_dir", "read_file", "run_shell", "write_file"], tools.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, tools["read_file"].Traits);
        Assert.Equal(ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, tools["list_dir"].Traits);
        Assert.Equal(ToolTraits.Destructive, tools["write_file"].Traits);
        Assert.Equal(ToolTraits.Destructive, tools["run_shell"].Traits);
    }

    [Fact]
    public void Schemas_are_objects_whose_required_fields_exist_and_register_in_a_tool_registry()
    {
        var tools = BuiltInTools.CreateDefault();

        foreach (var tool in tools)
        {
            var schema = tool.ParametersSchema;
            Assert.Equal("object", schema.GetProperty("type").GetString());
            var properties = schema.GetProperty("properties");
            if (schema.TryGetProperty("required", out var required))
            {
                Assert.All(required.EnumerateArray(), name => Assert.True(properties.TryGetProperty(name.GetString()!, out _)));
            }

            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
        }

        var registry = new ToolRegistry(tools);
        Assert.Equal(4, registry.Declarations.Count);
    }

    [Fact]
    public void Descriptions_follow_the_options()
    {
        var tools = BuiltInTools.CreateDefault(new BuiltInToolOptions { ReadMaxLines = 50, ShellDefaultTimeout = TimeSpan.FromSeconds(30) })
            .ToDictionary(tool => tool.Name);

        Assert.Contains("At most 50 lines", tools["read_file"].Description, StringComparison.Ordinal);
        Assert.Contains("timeout_s default 30", tools["run_shell"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonsense_options_are_rejected_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInTools.CreateDefault(new BuiltInToolOptions { ReadMaxLines = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInTools.CreateDefault(
            new BuiltInToolOptions { ShellDefaultTimeout = TimeSpan.FromSeconds(700), ShellMaxTimeout = TimeSpan.FromSeconds(600) }));
    }

    [Fact]
    public void Schemas_stay_small_because_they_are_sent_on_every_model_call()
    {
        var total = BuiltInTools.CreateDefault().Sum(tool => JsonSerializer.Serialize(tool.ParametersSchema).Length + tool.Description.Length);

        Assert.True(total < 2000, $"schemas and descriptions take {total} chars");
    }
}
