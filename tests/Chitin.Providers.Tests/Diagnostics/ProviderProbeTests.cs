using Chitin.Providers.Configuration;
using Chitin.Providers.Diagnostics;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Providers.Tests.Diagnostics;

public sealed class ProviderProbeTests
{
    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task AHealthyProviderListingTheModelPasses(WireFormat format)
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("unused")));
        using var deadline = ProviderTestKit.Deadline();

        ProviderProbeResult result = await ProviderProbe.CheckAsync(ProviderTestKit.Settings(server, format), deadline.Token);

        Assert.True(result.Reachable);
        Assert.True(result.Succeeded);
        Assert.Equal(200, result.StatusCode);
        Assert.True(result.ModelListed);
        Assert.True(result.Latency > TimeSpan.Zero);
        Assert.Contains($"model '{ProviderTestKit.Model}' is available", result.Message, StringComparison.Ordinal);
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/v1/models"), (request.Method, request.Path));
        Assert.Equal($"Bearer {ProviderTestKit.Secret}", request.Headers["Authorization"]);
        Assert.Equal(0, server.Script.StepsConsumed);
    }

    [Fact]
    public async Task AModelTheServerDoesNotListIsNamedWithTheAlternatives()
    {
        await using var server = await ScriptedModelServer.StartAsync(
            ModelScript.FromSteps(ScriptStep.Text("unused")),
            new ScriptedModelServerOptions { Models = ["qwen3-coder", "glm-4.6"] });
        using var deadline = ProviderTestKit.Deadline();

        ProviderProbeResult result = await ProviderProbe.CheckAsync(
            ProviderTestKit.Settings(server, WireFormat.OpenAI) with { Model = "qwen3-coder-typo" }, deadline.Token);

        Assert.True(result.Succeeded);
        Assert.False(result.ModelListed);
        Assert.Contains("model 'qwen3-coder-typo' is not among its 2 models (qwen3-coder, glm-4.6) — check CHITIN_MODEL or --model", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenAIBaseUrlWithoutV1GetsAHint()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("unused")));
        using var deadline = ProviderTestKit.Deadline();

        ProviderProbeResult result = await ProviderProbe.CheckAsync(
            ProviderTestKit.Settings(server, WireFormat.OpenAI) with { BaseUrl = server.BaseUrl }, deadline.Token);

        Assert.True(result.Reachable);
        Assert.False(result.Succeeded);
        Assert.Equal(404, result.StatusCode);
        Assert.Contains("usually end in /v1", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProviderTestKit.BothFormats), MemberType = typeof(ProviderTestKit))]
    public async Task ANonRunningServerIsReportedWithoutThrowing(WireFormat format)
    {
        ProviderSettings settings = ProviderTestKit.Settings($"http://127.0.0.1:{ProviderTestKit.UnusedPort()}", format);
        using var deadline = ProviderTestKit.Deadline();

        ProviderProbeResult result = await ProviderProbe.CheckAsync(settings, deadline.Token);

        Assert.False(result.Reachable);
        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Equal($"could not connect to {settings.BaseUrl}: is the server running and the base URL right?", result.Message);
        Assert.DoesNotContain(ProviderTestKit.Secret, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSettingsAreReportedWithoutThrowing()
    {
        var settings = new ProviderSettings { BaseUrl = "openrouter.ai/api/v1", Model = "m", ApiKey = ProviderTestKit.Secret };

        ProviderProbeResult result = await ProviderProbe.CheckAsync(settings);

        Assert.False(result.Reachable);
        Assert.StartsWith("Base URL 'openrouter.ai/api/v1' is not an absolute http(s) URL", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellationStillSurfaces()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(ScriptStep.Text("unused")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ProviderProbe.CheckAsync(ProviderTestKit.Settings(server, WireFormat.OpenAI), cancelled.Token));
    }
}
