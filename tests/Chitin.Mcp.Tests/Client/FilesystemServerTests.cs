using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;
using Chitin.Mcp.Tests.Support;

namespace Chitin.Mcp.Tests.Client;

public sealed class FilesystemServerTests
{
    [Fact]
    public async Task ReadsAndWritesInsideItsFolderAndRefusesPathsOutside()
    {
        using var allowed = new TempFolder();
        using var outside = new TempFolder();
        var secret = Path.Combine(outside.Path, "secret.txt");
        await File.WriteAllTextAsync(secret, "top secret");
        var config = new McpServerConfig("fs", new McpStdioTransport(NpmServers.Node) { Args = [NpmServers.Filesystem, allowed.Path] });
        await using var source = await McpToolSource.ConnectAsync([config], null, CancellationToken.None).Within();
        Assert.Empty(source.Failures);
        var note = Path.Combine(allowed.Path, "note.txt");

        var write = await source.Tools.InvokeAsync("mcp__fs__write_file", $$"""{"path": "{{note}}", "content": "written over MCP"}""");
        var read = await source.Tools.InvokeAsync("mcp__fs__read_text_file", $$"""{"path": "{{note}}"}""");
        var readOutside = await source.Tools.InvokeAsync("mcp__fs__read_text_file", $$"""{"path": "{{secret}}"}""");
        var writeOutside = await source.Tools.InvokeAsync("mcp__fs__write_file", $$"""{"path": "{{Path.Combine(outside.Path, "new.txt")}}", "content": "x"}""");

        Assert.False(write.IsError, write.Text);
        Assert.Equal("written over MCP", await File.ReadAllTextAsync(note));
        Assert.False(read.IsError, read.Text);
        Assert.Contains("written over MCP", read.Text, StringComparison.Ordinal);
        Assert.True(readOutside.IsError);
        Assert.DoesNotContain("top secret", readOutside.Text, StringComparison.Ordinal);
        Assert.Contains("denied", readOutside.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(writeOutside.IsError);
        Assert.False(File.Exists(Path.Combine(outside.Path, "new.txt")));
    }
}
