using Chitin.Core.Tools;
using Chitin.Mcp.Client;
using ModelContextProtocol.Protocol;

namespace Chitin.Mcp.Tests.Client;

public sealed class McpToolMappingTests
{
    [Fact]
    public void ReadOnlyHintMeansReadOnlyAndConcurrencySafe()
    {
        Assert.Equal(ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, McpTool.TraitsOf(new ToolAnnotations { ReadOnlyHint = true, DestructiveHint = true }));
    }

    [Fact]
    public void DestructiveAndOpenWorldHintsMapToTheirTraits()
    {
        Assert.Equal(ToolTraits.Destructive | ToolTraits.Network, McpTool.TraitsOf(new ToolAnnotations { DestructiveHint = true, OpenWorldHint = true }));
        Assert.Equal(ToolTraits.Network | ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, McpTool.TraitsOf(new ToolAnnotations { ReadOnlyHint = true, OpenWorldHint = true }));
    }

    [Fact]
    public void MissingOrFalseHintsLeaveNoTraitsSoThePermissionEngineAsks()
    {
        Assert.Equal(ToolTraits.None, McpTool.TraitsOf(null));
        Assert.Equal(ToolTraits.None, McpTool.TraitsOf(new ToolAnnotations()));
        Assert.Equal(ToolTraits.None, McpTool.TraitsOf(new ToolAnnotations { ReadOnlyHint = false, DestructiveHint = false, OpenWorldHint = false }));
    }

    [Fact]
    public void LongDescriptionsAreCutToTheLimit()
    {
        var shortened = McpTool.Shorten(new string('d', 5000));

        Assert.Equal(McpTool.MaxDescriptionLength, shortened.Length);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.Equal("short", McpTool.Shorten("short"));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(900, "900 B")]
    [InlineData(12 * 1024, "12 KB")]
    [InlineData(3 * 1024 * 1024 / 2, "1.5 MB")]
    public void SizesAreHumanReadable(long bytes, string expected) => Assert.Equal(expected, McpResultConverter.FormatSize(bytes));

    [Fact]
    public void DecodedLengthOfBase64CountsPadding()
    {
        Assert.Equal(5, McpResultConverter.DecodedLength("aGVsbG8="u8.ToArray()));
        Assert.Equal(4, McpResultConverter.DecodedLength("aGVsbA=="u8.ToArray()));
        Assert.Equal(6, McpResultConverter.DecodedLength("aGVsbG8h"u8.ToArray()));
    }
}
