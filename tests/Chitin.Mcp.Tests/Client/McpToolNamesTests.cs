using System.Text.RegularExpressions;
using Chitin.Mcp.Client;

namespace Chitin.Mcp.Tests.Client;

public sealed partial class McpToolNamesTests
{
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex ModelToolName();

    [Theory]
    [InlineData("echo", "mcp__srv__echo")]
    [InlineData("get-sum", "mcp__srv__get-sum")]
    [InlineData("files.read v2", "mcp__srv__files_read_v2")]
    [InlineData("résumé/ok", "mcp__srv__r_sum__ok")]
    [InlineData("", "mcp__srv__tool")]
    public void SanitisesToCharactersModelsAccept(string tool, string expected)
    {
        var name = McpToolNames.Create("srv", tool);

        Assert.Equal(expected, name);
        Assert.Matches(ModelToolName(), name);
    }

    [Fact]
    public void TruncatesToSixtyFourCharacters()
    {
        var name = McpToolNames.Create("server", new string('x', 100));

        Assert.Equal(64, name.Length);
        Assert.StartsWith("mcp__server__xxx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesThatCollideAfterSanitisingOrTruncatingGetDistinctSuffixes()
    {
        var longA = new string('a', 70) + "1";
        var longB = new string('a', 70) + "2";

        var names = McpToolNames.CreateUnique([("s", "read.file"), ("s", "read_file"), ("s", "read file"), ("s", longA), ("s", longB)]);

        Assert.Equal("mcp__s__read_file", names[0]);
        Assert.Equal("mcp__s__read_file_2", names[1]);
        Assert.Equal("mcp__s__read_file_3", names[2]);
        Assert.Equal(64, names[3].Length);
        Assert.Equal(64, names[4].Length);
        Assert.EndsWith("_2", names[4], StringComparison.Ordinal);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches(ModelToolName(), n));
    }
}
