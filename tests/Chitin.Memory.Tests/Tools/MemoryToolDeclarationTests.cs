using Chitin.Core.Tools;
using Chitin.Memory.Tools;

namespace Chitin.Memory.Tests.Tools;

public sealed class MemoryToolDeclarationTests
{
    [Fact]
    public async Task The_factory_makes_save_search_and_forget_with_their_first_required_parameter_and_traits()
    {
        await using var stores = await ToolStores.OpenAsync();
        var tools = MemoryTools.Create(stores.Memory);

        Assert.Equal(["memory_save", "memory_search", "memory_forget"], tools.Select(t => t.Name));
        Assert.Equal([ToolTraits.None, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, ToolTraits.None], tools.Select(t => t.Traits));
        Assert.Equal(["text"], Required(tools[0]));
        Assert.Equal(["query"], Required(tools[1]));
        Assert.Equal(["id", "reason"], Required(tools[2]));
        Assert.Equal("text", tools[0].ParametersSchema.GetProperty("properties").EnumerateObject().First().Name);
        Assert.Equal("query", tools[1].ParametersSchema.GetProperty("properties").EnumerateObject().First().Name);
        Assert.False(tools[0].ParametersSchema.GetProperty("properties").TryGetProperty("pinned", out _));
    }

    [Fact]
    public async Task The_three_declarations_stay_small_because_they_sit_in_the_cached_prefix()
    {
        await using var stores = await ToolStores.OpenAsync();

        var tokens = MemoryTools.Create(stores.Memory)
            .Sum(t => Core.Context.TiktokenCounter.Instance.CountTokens(t.Name + t.Description + t.ParametersSchema.GetRawText()));

        Assert.InRange(tokens, 100, 600);
    }

    [Fact]
    public void The_factory_needs_a_store() =>
        Assert.Throws<ArgumentNullException>(() => MemoryTools.Create(null!));

    private static string[] Required(ITool tool) =>
        tool.ParametersSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
