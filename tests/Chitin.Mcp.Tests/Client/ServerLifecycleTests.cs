using Chitin.Mcp.Client;
using Chitin.Mcp.Configuration;
using Chitin.Mcp.Tests.Support;

namespace Chitin.Mcp.Tests.Client;

public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task AMissingCommandIsReportedWhileTheOtherServerStillWorks()
    {
        var broken = new McpServerConfig("broken", new McpStdioTransport("chitin-no-such-command-7f3a")) { Origin = "/tmp/settings.json" };

        await using var source = await McpToolSource.ConnectAsync([broken, EverythingServerFixture.Config("good")], null, CancellationToken.None).Within();

        var failure = Assert.Single(source.Failures);
        Assert.Equal("broken", failure.ServerName);
        Assert.Contains("mcp server 'broken': command 'chitin-no-such-command-7f3a' not found on PATH", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/tmp/settings.json", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["good"], source.ConnectedServers);
        Assert.DoesNotContain(source.Tools, t => t.Name.StartsWith("mcp__broken__", StringComparison.Ordinal));
        var echo = await source.Tools.InvokeAsync("mcp__good__echo", """{"message": "still here"}""");
        Assert.Equal("Echo: still here", echo.Text);
    }

    [Fact]
    public async Task AServerThatExitsAtStartupIsReportedWithItsExitCodeAndStderr()
    {
        var crashing = new McpServerConfig(
            "crashing",
            new McpStdioTransport("/bin/sh") { Args = ["-c", "echo 'fatal: MY_API_KEY is not set' >&2; exit 3"] });

        await using var source = await McpToolSource.ConnectAsync([crashing], null, CancellationToken.None).Within();

        var failure = Assert.Single(source.Failures);
        Assert.Equal("crashing", failure.ServerName);
        // The exit code is named whenever the SDK reports how the process ended; when it notices the exit while
        // sending first (a race under load), the message says it exited without the code.
        Assert.Matches("^mcp server 'crashing' exited (with code 3 )?during startup", failure.Message);
        Assert.Contains("fatal: MY_API_KEY is not set", failure.Message, StringComparison.Ordinal);
        Assert.Empty(source.Tools);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOutAndIsStopped()
    {
        using var temp = new TempFolder();
        var pidFile = temp.Combine("pid");
        var silent = new McpServerConfig("silent", new McpStdioTransport("/bin/sh") { Args = PidFile.WrapArgs(pidFile, "sleep", "60") })
        {
            StartupTimeout = TimeSpan.FromSeconds(1),
        };

        await using var source = await McpToolSource.ConnectAsync([silent], null, CancellationToken.None).Within();

        var failure = Assert.Single(source.Failures);
        Assert.Contains("mcp server 'silent' did not start within 1 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("startupTimeoutSeconds", failure.Message, StringComparison.Ordinal);
        await PidFile.WaitForExitAsync(pidFile).Within();
    }

    [Fact]
    public async Task DisabledServersAreNotStarted()
    {
        var disabled = new McpServerConfig("off", new McpStdioTransport("chitin-no-such-command-7f3a")) { Enabled = false };

        await using var source = await McpToolSource.ConnectAsync([disabled], null, CancellationToken.None).Within();

        Assert.Empty(source.Failures);
        Assert.Empty(source.ConnectedServers);
        Assert.Empty(source.Tools);
    }

    [Fact]
    public async Task DuplicateServerNamesAreRejected()
    {
        var config = EverythingServerFixture.Config("twice");

        await Assert.ThrowsAsync<ArgumentException>(() => McpToolSource.ConnectAsync([config, config], null, CancellationToken.None)).Within();
    }

    [Fact]
    public async Task AServerKilledMidSessionGivesAClearErrorInsteadOfAHang()
    {
        using var temp = new TempFolder();
        var pidFile = temp.Combine("pid");
        var doomed = new McpServerConfig(
            "doomed",
            new McpStdioTransport("/bin/sh") { Args = PidFile.WrapArgs(pidFile, NpmServers.Node, NpmServers.Everything, "stdio") });
        await using var source = await McpToolSource.ConnectAsync([doomed], null, CancellationToken.None).Within();
        Assert.Empty(source.Failures);
        Assert.Equal("Echo: alive", (await source.Tools.InvokeAsync("mcp__doomed__echo", """{"message": "alive"}""")).Text);

        using (var process = PidFile.Read(pidFile))
        {
            process.Kill();
            await process.WaitForExitAsync().Within();
        }

        var afterKill = await source.Tools.InvokeAsync("mcp__doomed__echo", """{"message": "anyone?"}""");
        var again = await source.Tools.InvokeAsync("mcp__doomed__get-sum", """{"a": 1, "b": 2}""");

        Assert.True(afterKill.IsError);
        Assert.Contains("mcp server 'doomed' is not running", afterKill.Text, StringComparison.Ordinal);
        Assert.True(again.IsError);
        Assert.Contains("mcp server 'doomed' is not running", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowToolCallIsAbandonedAfterTheToolTimeout()
    {
        var config = EverythingServerFixture.Config("slow") with { ToolTimeout = TimeSpan.FromSeconds(1) };
        await using var source = await McpToolSource.ConnectAsync([config], null, CancellationToken.None).Within();

        var result = await source.Tools.InvokeAsync("mcp__slow__trigger-long-running-operation", """{"duration": 30, "steps": 3}""");

        Assert.True(result.IsError);
        Assert.Contains("did not finish within 1 s", result.Text, StringComparison.Ordinal);
        Assert.Equal("Echo: still usable", (await source.Tools.InvokeAsync("mcp__slow__echo", """{"message": "still usable"}""")).Text);
    }

    [Fact]
    public async Task CancellingACallPropagatesToTheCaller()
    {
        await using var source = await McpToolSource.ConnectAsync([EverythingServerFixture.Config("cancel")], null, CancellationToken.None).Within();
        var tool = source.Tools.Single(t => t.Name == "mcp__cancel__trigger-long-running-operation");
        using var cancel = new CancellationTokenSource();

        var call = tool.InvokeAsync(
            new Chitin.Core.Tools.ToolInvocation("c1", tool.Name, Json.Parse("""{"duration": 30, "steps": 3}"""), Invocations.Context),
            cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).Within();
    }
}
