using System.Text.Json;
using Chitin.Core.Tools;
using Chitin.Tools.Shell;

namespace Chitin.Tools.Tests;

public sealed class BuiltInToolsTests
{
    /// <summary>Every character is sent on every model call; raise only with a reason.</summary>
    private const int SchemaBudgetChars = 4_500;

    private static IReadOnlyList<ITool> CreateAndDispose(BuiltInToolOptions? options = null)
    {
        var tools = BuiltInTools.CreateDefault(options);
        foreach (var disposable in tools.OfType<IDisposable>())
        {
            disposable.Dispose();
        }

        return tools;
    }

    [Fact]
    public void The_default_set_has_every_tool_in_name_order_with_its_traits()
    {
        var tools = CreateAndDispose();
        var byName = tools.ToDictionary(tool => tool.Name);

        Assert.Equal(
            ["ask_user", "edit_file", "glob", "grep", "list_dir", "read_file", "run_shell", "shell_output", "shell_stop", "todo", "web_fetch", "web_search", "write_file"],
            tools.Select(tool => tool.Name));
        var readOnly = ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe;
        Assert.Equal(readOnly, byName["read_file"].Traits);
        Assert.Equal(readOnly, byName["list_dir"].Traits);
        Assert.Equal(readOnly, byName["glob"].Traits);
        Assert.Equal(readOnly, byName["grep"].Traits);
        Assert.Equal(readOnly, byName["shell_output"].Traits);
        Assert.Equal(readOnly | ToolTraits.Network, byName["web_fetch"].Traits);
        Assert.Equal(readOnly | ToolTraits.Network, byName["web_search"].Traits);
        Assert.Equal(ToolTraits.ConcurrencySafe, byName["todo"].Traits);
        Assert.Equal(ToolTraits.ReadOnly, byName["ask_user"].Traits);
        Assert.Equal(ToolTraits.Destructive, byName["write_file"].Traits);
        Assert.Equal(ToolTraits.Destructive, byName["edit_file"].Traits);
        Assert.Equal(ToolTraits.Destructive, byName["run_shell"].Traits);
        Assert.Equal(ToolTraits.Destructive, byName["shell_stop"].Traits);
    }

    [Fact]
    public void Shell_tools_of_one_set_share_the_job_registry()
    {
        var tools = BuiltInTools.CreateDefault();
        var runShell = Assert.IsType<RunShellTool>(tools.Single(tool => tool.Name == "run_shell"));
        runShell.Dispose();

        Assert.Equal(0, runShell.Jobs.RunningCount);
    }

    [Fact]
    public void Schemas_are_objects_whose_required_fields_exist_and_register_in_a_tool_registry()
    {
        var tools = CreateAndDispose();

        foreach (var tool in tools)
        {
            var schema = tool.ParametersSchema;
            Assert.Equal("object", schema.GetProperty("type").GetString());
            var properties = schema.GetProperty("properties");
            if (schema.TryGetProperty("required", out var required))
            {
                Assert.All(required.EnumerateArray(), name => Assert.True(properties.TryGetProperty(name.GetString()!, out _), $"{tool.Name}: {name}"));
            }

            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
        }

        var registry = new ToolRegistry(tools);
        Assert.Equal(13, registry.Declarations.Count);
    }

    [Fact]
    public void Descriptions_follow_the_options()
    {
        var tools = CreateAndDispose(new BuiltInToolOptions
        {
            ReadMaxLines = 50,
            ShellDefaultTimeout = TimeSpan.FromSeconds(30),
            SearchMaxResults = 77,
        }).ToDictionary(tool => tool.Name);

        Assert.Contains("At most 50 lines", tools["read_file"].Description, StringComparison.Ordinal);
        Assert.Contains("timeout_s default 30", tools["run_shell"].Description, StringComparison.Ordinal);
        Assert.Contains("max 77", tools["glob"].Description, StringComparison.Ordinal);
        Assert.Contains("max 77", tools["grep"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonsense_options_are_rejected_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInTools.CreateDefault(new BuiltInToolOptions { ReadMaxLines = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInTools.CreateDefault(
            new BuiltInToolOptions { ShellDefaultTimeout = TimeSpan.FromSeconds(700), ShellMaxTimeout = TimeSpan.FromSeconds(600) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInTools.CreateDefault(new BuiltInToolOptions { SearchMaxResults = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInTools.CreateDefault(new BuiltInToolOptions { WebFetchMaxBytes = 10 }));
    }

    [Fact]
    public void The_output_cap_defaults_to_a_million_chars_because_the_loop_offloads_big_results()
    {
        Assert.Equal(1_000_000, new BuiltInToolOptions().MaxOutputChars);
    }

    [Fact]
    public void Schemas_stay_small_because_they_are_sent_on_every_model_call()
    {
        var total = CreateAndDispose().Sum(tool => JsonSerializer.Serialize(tool.ParametersSchema).Length + tool.Description.Length);

        Assert.True(total < SchemaBudgetChars, $"schemas and descriptions take {total} chars");
    }
}
