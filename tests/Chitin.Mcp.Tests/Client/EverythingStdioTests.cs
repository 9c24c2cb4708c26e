using Chitin.Core.Tools;
using Chitin.Mcp.Tests.Support;

namespace Chitin.Mcp.Tests.Client;

public sealed class EverythingStdioTests(EverythingServerFixture everything) : IClassFixture<EverythingServerFixture>
{
    private IReadOnlyList<ITool> Tools => everything.Source.Tools;

    [Fact]
    public void ListsTheServersToolsWithThePrefixSortedByName()
    {
        var names = Tools.Select(t => t.Name).ToArray();

        Assert.Contains("mcp__everything__echo", names);
        Assert.Contains("mcp__everything__get-sum", names);
        Assert.Contains("mcp__everything__get-tiny-image", names);
        Assert.All(names, n => Assert.StartsWith("mcp__everything__", n, StringComparison.Ordinal));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(["everything"], everything.Source.ConnectedServers);
    }

    [Fact]
    public void CarriesDescriptionSchemaAndTraitsFromTheServer()
    {
        var echo = Tools.Single(t => t.Name == "mcp__everything__echo");

        Assert.Equal("Echoes back the input string", echo.Description);
        Assert.Equal("object", echo.ParametersSchema.GetProperty("type").GetString());
        Assert.True(echo.ParametersSchema.GetProperty("properties").TryGetProperty("message", out _));
        Assert.Equal(ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe, echo.Traits);
    }

    [Fact]
    public async Task EchoReturnsTheMessage()
    {
        var result = await Tools.InvokeAsync("mcp__everything__echo", """{"message": "hello from chitin"}""");

        Assert.False(result.IsError, result.Text);
        Assert.Equal("Echo: hello from chitin", result.Text);
    }

    [Fact]
    public async Task GetSumAddsTheNumbers()
    {
        var result = await Tools.InvokeAsync("mcp__everything__get-sum", """{"a": 19, "b": 23}""");

        Assert.False(result.IsError, result.Text);
        Assert.Contains("is 42", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AToolErrorBecomesAnErrorResult()
    {
        var result = await Tools.InvokeAsync("mcp__everything__get-sum", """{"a": "nineteen", "b": 23}""");

        Assert.True(result.IsError);
        Assert.Contains("expected number", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagesAreSummarisedNotPassedAsBase64()
    {
        var result = await Tools.InvokeAsync("mcp__everything__get-tiny-image", "{}");

        Assert.False(result.IsError, result.Text);
        Assert.Matches(@"\[image/png, \d+ (B|KB)\]", result.Text);
        Assert.True(result.Text.Length < 1000, result.Text);
    }

    [Fact]
    public async Task StructuredContentBecomesData()
    {
        var result = await Tools.InvokeAsync("mcp__everything__get-structured-content", """{"location": "New York"}""");

        Assert.False(result.IsError, result.Text);
        Assert.NotNull(result.Data);
        Assert.True(result.Data.Value.TryGetProperty("temperature", out var temperature));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, temperature.ValueKind);
    }

    [Fact]
    public async Task EmbeddedResourcesAreShownWithTheirUri()
    {
        var result = await Tools.InvokeAsync("mcp__everything__get-resource-reference", """{"resourceType": "Text", "resourceId": 1}""");

        Assert.False(result.IsError, result.Text);
        Assert.Contains("[resource demo://resource/", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentCallsEachGetTheirOwnResult()
    {
        var calls = Enumerable.Range(0, 8)
            .Select(i => Tools.InvokeAsync("mcp__everything__echo", $$"""{"message": "m{{i}}"}"""))
            .ToArray();

        var results = await Task.WhenAll(calls).Within();

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"Echo: m{i}"), results.Select(r => r.Text));
    }
}
