using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chitin.Core.Tools;
using Chitin.Security.Sandbox;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Sandbox;

/// <summary>Runs real commands through the real bwrap (the project's setup installs bubblewrap).</summary>
public sealed class BubblewrapSandboxTests : IDisposable
{
    private static readonly BubblewrapSandbox Sandbox = new();
    private readonly TempDirectory _temp = new("chitin-sandbox-");
    private readonly string _workspace;

    public BubblewrapSandboxTests()
    {
        _workspace = _temp.CreateDirectory("ws");
        Assert.True(Sandbox.IsAvailable, $"bubblewrap must run here: {Sandbox.UnavailableReason}");
    }

    public void Dispose() => _temp.Dispose();

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SandboxRequest request) => SandboxRun.RunAsync(Sandbox.Wrap(request));

    private SandboxRequest Bash(string command, bool allowNetwork = false) => new("/bin/bash", command, _workspace) { AllowNetwork = allowNetwork };

    [Fact]
    public async Task Commands_run_in_the_workspace_with_home_set_to_it()
    {
        var (exitCode, stdout, _) = await RunAsync(Bash("pwd; echo \"$HOME\"; exit 7"));

        Assert.Equal(7, exitCode);
        Assert.Equal($"{_workspace}\n{_workspace}\n", stdout);
    }

    [Fact]
    public async Task Writes_inside_the_workspace_succeed()
    {
        var (exitCode, _, stderr) = await RunAsync(Bash("mkdir -p out && echo built > out/result.txt"));

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        Assert.Equal("built\n", await File.ReadAllTextAsync(Path.Combine(_workspace, "out", "result.txt")));
    }

    [Fact]
    public async Task Writes_outside_the_workspace_fail_or_stay_inside_the_sandbox()
    {
        var sibling = _temp.CreateDirectory("sibling");

        var (exitCode, stdout, stderr) = await RunAsync(Bash(
            $"touch /usr/chitin-escape; echo usr=$?; touch /etc/chitin-escape; echo etc=$?; touch /chitin-escape; echo root=$?; " +
            $"touch '{sibling}/x'; echo sibling=$?; touch \"$HOME/../escape\"; echo parent=$?"));

        Assert.Equal(0, exitCode);
        Assert.Contains("usr=1", stdout, StringComparison.Ordinal);
        Assert.Contains("etc=1", stdout, StringComparison.Ordinal);
        Assert.Contains("root=1", stdout, StringComparison.Ordinal);
        Assert.Contains("sibling=1", stdout, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists("/usr/chitin-escape"));
        Assert.False(File.Exists("/etc/chitin-escape"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(sibling));
        Assert.False(File.Exists(_temp.Combine("escape")));
    }

    [Fact]
    public async Task The_home_folder_and_host_runtime_sockets_are_not_visible()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var (_, stdout, _) = await RunAsync(Bash($"[ -e '{home}' ] && echo home-visible; [ -e /run ] && echo run-visible; echo checked"));

        Assert.Equal("checked\n", stdout);
    }

    [Fact]
    public async Task Tmp_is_private()
    {
        var name = $"chitin-private-{Guid.NewGuid():N}";

        var (exitCode, stdout, _) = await RunAsync(Bash($"echo secret > /tmp/{name} && cat /tmp/{name}"));

        Assert.Equal(0, exitCode);
        Assert.Equal("secret\n", stdout);
        Assert.False(File.Exists(Path.Combine("/tmp", name)));
    }

    [Fact]
    public async Task The_network_is_blocked_unless_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connect = $"echo hello > /dev/tcp/127.0.0.1/{port}";

        var blocked = await RunAsync(Bash(connect));
        Assert.NotEqual(0, blocked.ExitCode);
        Assert.False(listener.Pending());

        var accepted = listener.AcceptTcpClientAsync();
        var allowed = await RunAsync(Bash(connect, allowNetwork: true));
        Assert.Equal(0, allowed.ExitCode);
        using var client = await accepted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task Secret_looking_variables_are_unset_inside()
    {
        Environment.SetEnvironmentVariable("CHITIN_SANDBOX_TEST_TOKEN", "tok-should-not-be-seen-123");
        Environment.SetEnvironmentVariable("CHITIN_SANDBOX_TEST_PLAIN", "visible");

        var (_, stdout, _) = await RunAsync(Bash("echo \"[$CHITIN_SANDBOX_TEST_TOKEN][$CHITIN_SANDBOX_TEST_PLAIN]\""));

        Assert.Equal("[][visible]\n", stdout);
    }

    [Fact]
    public async Task Extra_directories_are_mounted_writable_or_read_only()
    {
        var writable = _temp.CreateDirectory("cache");
        var readOnly = _temp.CreateDirectory("artifacts");
        await File.WriteAllTextAsync(Path.Combine(readOnly, "input.txt"), "data");
        var request = Bash($"cat '{readOnly}/input.txt'; echo; echo x > '{readOnly}/new'; echo ro=$?; echo y > '{writable}/new'; echo rw=$?") with
        {
            WritableDirectories = [writable],
            ReadOnlyDirectories = [readOnly],
        };

        var (_, stdout, _) = await RunAsync(request);

        Assert.Equal("data\nro=1\nrw=0\n", stdout);
        Assert.False(File.Exists(Path.Combine(readOnly, "new")));
        Assert.True(File.Exists(Path.Combine(writable, "new")));
    }

    [Fact]
    public async Task A_read_only_folder_inside_the_workspace_overlays_the_writable_workspace()
    {
        var inner = Directory.CreateDirectory(Path.Combine(_workspace, "protected")).FullName;
        var request = Bash("echo x > protected/file; echo inner=$?; echo y > outer; echo outer=$?") with { ReadOnlyDirectories = [inner] };

        var (_, stdout, _) = await RunAsync(request);

        Assert.Equal("inner=1\nouter=0\n", stdout);
    }

    [Fact]
    public async Task Sandboxed_processes_die_with_the_process_that_started_bwrap()
    {
        var marker = "3000." + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var command = Sandbox.Wrap(Bash($"sleep {marker} & sleep {marker}; wait"));
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("\"$@\"; echo finished");
        startInfo.ArgumentList.Add("parent");
        startInfo.ArgumentList.Add(command.FileName);
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var parent = Process.Start(startInfo)!;
        try
        {
            Assert.True(await Poll.UntilAsync(() => ProcessesWithArgument(marker).Count == 2, TimeSpan.FromSeconds(30)), "the sandboxed sleeps did not start");

            parent.Kill(entireProcessTree: false);
            await parent.WaitForExitAsync();

            Assert.True(await Poll.UntilAsync(() => ProcessesWithArgument(marker).Count == 0, TimeSpan.FromSeconds(30)), "sandboxed processes outlived their parent");
        }
        finally
        {
            foreach (var pid in ProcessesWithArgument(marker))
            {
                try
                {
                    using var leftover = Process.GetProcessById(pid);
                    leftover.Kill();
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    // Gone already.
                }
            }
        }
    }

    [Fact]
    public void The_wrapped_command_has_the_confinement_options()
    {
        var command = Sandbox.Wrap(new SandboxRequest("/bin/bash", "make", _workspace));
        var args = string.Join(' ', command.Arguments);

        Assert.Equal(Sandbox.ExecutablePath, command.FileName);
        Assert.Contains("--unshare-all", args, StringComparison.Ordinal);
        Assert.DoesNotContain("--share-net", args, StringComparison.Ordinal);
        Assert.Contains("--die-with-parent --new-session", args, StringComparison.Ordinal);
        Assert.Contains("--cap-drop ALL", args, StringComparison.Ordinal);
        Assert.Contains("--tmpfs /tmp", args, StringComparison.Ordinal);
        Assert.Contains($"--bind {_workspace} {_workspace}", args, StringComparison.Ordinal);
        Assert.Contains("--remount-ro /", args, StringComparison.Ordinal);
        Assert.Contains($"--chdir {_workspace}", args, StringComparison.Ordinal);
        Assert.EndsWith("-- /bin/bash -c make", args, StringComparison.Ordinal);
        Assert.Contains("--share-net", string.Join(' ', Sandbox.Wrap(new SandboxRequest("/bin/bash", "make", _workspace) { AllowNetwork = true }).Arguments), StringComparison.Ordinal);
    }

    private static List<int> ProcessesWithArgument(string argument) => ProcessTable.WithArgument("sleep", argument);
}
