using System.Text.Json;
using Chitin.Mcp.Configuration;

namespace Chitin.Mcp.Tests.Configuration;

public sealed class McpConfigEditorTests
{
    private const string Entry = "{\n  \"type\": \"http\",\n  \"url\": \"https://example.test/mcp\"\n}";

    [Fact]
    public void Add_to_a_missing_file_writes_a_config_with_only_that_server()
    {
        var text = McpConfigEditor.Add("", "linear", Entry);

        var url = JsonDocument.Parse(text).RootElement.GetProperty("mcpServers").GetProperty("linear").GetProperty("url").GetString();
        Assert.Equal("https://example.test/mcp", url);
    }

    [Fact]
    public void Add_keeps_comments_other_keys_and_existing_servers_byte_for_byte()
    {
        const string original = """
            {
              // my model
              "model": "gpt-5",
              "mcpServers": {
                "files": { "command": "npx", "args": ["-y", "server-filesystem"] }
              },
              "limits": { "maxSteps": 9 }
            }
            """;

        var text = McpConfigEditor.Add(original, "linear", Entry);

        Assert.StartsWith(original[..original.IndexOf("}\n  },", StringComparison.Ordinal)], text, StringComparison.Ordinal);
        Assert.Contains("\"limits\": { \"maxSteps\": 9 }", text, StringComparison.Ordinal);
        var servers = McpServerConfig.ParseAll(Parse(text).GetProperty("mcpServers"), "test", new Dictionary<string, string>());
        Assert.Equal(["files", "linear"], servers.Select(s => s.Name));
    }

    [Fact]
    public void Add_creates_mcpServers_when_the_file_has_other_settings_only()
    {
        var text = McpConfigEditor.Add("{\n  \"model\": \"m\"\n}\n", "a", Entry);

        Assert.Equal("m", Parse(text).GetProperty("model").GetString());
        Assert.True(Parse(text).GetProperty("mcpServers").TryGetProperty("a", out _));
    }

    [Fact]
    public void Adding_a_server_that_exists_is_refused_with_what_to_do()
    {
        var text = McpConfigEditor.Add("", "a", Entry);

        var error = Assert.Throws<McpConfigEditException>(() => McpConfigEditor.Add(text, "a", Entry));

        Assert.Contains("chitin mcp remove a", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("c")]
    public void Remove_takes_out_only_that_server_and_keeps_the_rest_valid(string name)
    {
        const string original = """
            {
              "model": "m", // keep me
              "mcpServers": {
                "a": { "command": "x" },
                "b": { "command": "y" },
                "c": { "command": "z" }
              }
            }
            """;

        var text = McpConfigEditor.Remove(original, name);

        Assert.NotNull(text);
        Assert.Contains("// keep me", text, StringComparison.Ordinal);
        var left = Parse(text).GetProperty("mcpServers").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(new[] { "a", "b", "c" }.Where(n => n != name), left);
    }

    [Fact]
    public void Removing_the_last_server_leaves_an_empty_object_and_an_unknown_one_returns_null()
    {
        var text = McpConfigEditor.Remove("{ \"mcpServers\": { \"a\": { \"command\": \"x\" } } }", "a");

        Assert.Empty(Parse(text!).GetProperty("mcpServers").EnumerateObject());
        Assert.Null(McpConfigEditor.Remove(text!, "a"));
    }

    private static JsonElement Parse(string text) =>
        JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement;
}
