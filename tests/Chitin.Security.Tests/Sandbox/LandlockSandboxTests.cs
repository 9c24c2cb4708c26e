using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chitin.Core.Tools;
using Chitin.Platform.Processes;
using Chitin.Security.Sandbox.Landlock;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Sandbox;

/// <summary>
/// Runs real commands through the real chitin-landlock launcher under the real kernel's Landlock (this machine's
/// kernel has it: ABI 7 on 6.18). The launcher is built next to the tests by the project reference.
/// </summary>
public sealed class LandlockSandboxTests : IDisposable
{
    private static readonly LandlockSandbox Sandbox = new();
    private readonly TempDirectory _temp = new("chitin-landlock-");
    private readonly string _workspace;

    public LandlockSandboxTests()
    {
        _workspace = _temp.CreateDirectory("ws");
        Assert.True(Sandbox.IsAvailable, $"Landlock must run here: {Sandbox.UnavailableReason}");
    }

    public void Dispose() => _temp.Dispose();

    private SandboxRequest Sh(string command, bool allowNetwork = false) => new("/bin/sh", command, _workspace) { AllowNetwork = allowNetwork };

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(SandboxRequest request) => SandboxRun.RunAsync(Sandbox.Wrap(request));

    [Fact]
    public void The_kernel_reports_a_landlock_abi_with_tcp_rules()
    {
        Assert.True(Sandbox.AbiVersion >= 4, $"ABI {Sandbox.AbiVersion}");
        Assert.True(Sandbox.BlocksNetwork(allowNetwork: false));
        Assert.False(Sandbox.BlocksNetwork(allowNetwork: true));
        Assert.Equal($"landlock (ABI {Sandbox.AbiVersion}, network blocked)", Sandbox.Describe(allowNetwork: false));
    }

    [Fact]
    public async Task Writes_land_in_the_workspace_and_the_private_temp_folder_and_nowhere_else()
    {
        var sibling = _temp.CreateDirectory("sibling");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var name = $"chitin-landlock-{Guid.NewGuid():N}";

        var (exitCode, stdout, stderr) = await RunAsync(Sh(
            $"echo built > out.txt; echo ws=$?; echo t > \"$TMPDIR/{name}\"; echo tmpdir=$?; " +
            $"echo x > '{sibling}/x'; echo sibling=$?; echo x > /tmp/{name}; echo tmp=$?; " +
            $"echo x > '{home}/{name}'; echo home=$?; touch /etc/{name}; echo etc=$?; mkdir ../{name}; echo parent=$?"));

        Assert.Equal(0, exitCode);
        Assert.Equal("ws=0\ntmpdir=0\nsibling=2\ntmp=2\nhome=2\netc=1\nparent=1\n", stdout);
        Assert.Contains("Permission denied", stderr, StringComparison.Ordinal);
        Assert.Equal("built\n", await File.ReadAllTextAsync(Path.Combine(_workspace, "out.txt")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(sibling));
        Assert.False(File.Exists(Path.Combine("/tmp", name)));
        Assert.False(File.Exists(Path.Combine(home, name)));
        Assert.False(File.Exists(Path.Combine("/etc", name)));
        Assert.False(Directory.Exists(_temp.Combine(name)));
    }

    [Fact]
    public async Task Home_is_the_workspace_and_the_real_home_folder_is_unreadable()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var (_, stdout, stderr) = await RunAsync(Sh($"pwd; echo \"$HOME\"; ls '{home}' >/dev/null; echo ls=$?"));

        Assert.Equal($"{_workspace}\n{_workspace}\nls=2\n", stdout);
        Assert.Contains("Permission denied", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_cannot_read_the_environment_of_chitin_or_signal_it()
    {
        Environment.SetEnvironmentVariable("CHITIN_LANDLOCK_TEST_MARK", "mark-5f1c9e");
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

        var (_, stdout, _) = await RunAsync(Sh($"tr '\\0' '\\n' < /proc/{pid}/environ | grep -c CHITIN_LANDLOCK_TEST_MARK; kill -0 {pid}; echo kill=$?"));

        Assert.DoesNotContain("mark-5f1c9e", stdout, StringComparison.Ordinal);
        Assert.Equal("0\nkill=1\n", stdout);
    }

    [Fact]
    public async Task Tcp_is_blocked_unless_the_network_is_allowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connect = $"exec 3<>/dev/tcp/127.0.0.1/{port} && echo connected";

        var blocked = await SandboxRun.RunAsync(Sandbox.Wrap(new SandboxRequest("/bin/bash", connect, _workspace)));
        Assert.NotEqual(0, blocked.ExitCode);
        Assert.Contains("Permission denied", blocked.Stderr, StringComparison.Ordinal);
        Assert.False(listener.Pending());

        var accepted = listener.AcceptTcpClientAsync();
        var allowed = await SandboxRun.RunAsync(Sandbox.Wrap(new SandboxRequest("/bin/bash", connect, _workspace) { AllowNetwork = true }));
        Assert.Equal(0, allowed.ExitCode);
        using var client = await accepted.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(client.Connected);
    }

    [Fact]
    public async Task Secret_looking_variables_are_unset_inside()
    {
        Environment.SetEnvironmentVariable("CHITIN_LANDLOCK_TEST_TOKEN", "tok-should-not-be-seen-456");
        Environment.SetEnvironmentVariable("CHITIN_LANDLOCK_TEST_PLAIN", "visible");

        var (_, stdout, _) = await RunAsync(Sh("echo \"[$CHITIN_LANDLOCK_TEST_TOKEN][$CHITIN_LANDLOCK_TEST_PLAIN]\""));

        Assert.Equal("[][visible]\n", stdout);
    }

    [Fact]
    public async Task Extra_directories_are_writable_or_read_only()
    {
        var writable = _temp.CreateDirectory("cache");
        var readOnly = _temp.CreateDirectory("artifacts");
        await File.WriteAllTextAsync(Path.Combine(readOnly, "input.txt"), "data");
        var request = Sh($"cat '{readOnly}/input.txt'; echo; echo x > '{readOnly}/new'; echo ro=$?; echo y > '{writable}/new'; echo rw=$?") with
        {
            WritableDirectories = [writable],
            ReadOnlyDirectories = [readOnly],
        };

        var (_, stdout, _) = await RunAsync(request);

        Assert.Equal("data\nro=2\nrw=0\n", stdout);
        Assert.False(File.Exists(Path.Combine(readOnly, "new")));
        Assert.True(File.Exists(Path.Combine(writable, "new")));
    }

    [Fact]
    public async Task Chitin_itself_stays_unconfined()
    {
        await RunAsync(Sh("true"));
        var outside = _temp.Combine("written-by-chitin.txt");

        await File.WriteAllTextAsync(outside, "still free");

        Assert.Equal("still free", await File.ReadAllTextAsync(outside));
    }

    [Fact]
    public async Task A_launcher_whose_starter_is_gone_refuses_to_run()
    {
        var command = Sandbox.Wrap(Sh($"touch '{_workspace}/ran'"));
        var arguments = command.Arguments.ToArray();
        arguments[Array.IndexOf(arguments, "--parent") + 1] = "1";

        var (exitCode, _, stderr) = await SandboxRun.RunAsync(command with { Arguments = arguments });

        Assert.Equal(LandlockLauncher.FailureExitCode, exitCode);
        Assert.Contains("the process that started the command has exited", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_workspace, "ran")));
    }

    [Fact]
    public async Task A_launcher_given_bad_arguments_says_what_is_wrong_and_runs_nothing()
    {
        var launcher = Sandbox.Wrap(Sh("true"));
        var prefix = launcher.Arguments.TakeWhile(argument => argument != "--parent").ToArray();

        var unknown = await SandboxRun.RunAsync(launcher with { Arguments = [.. prefix, "--frobnicate", "--", "/bin/true"] });
        var noCommand = await SandboxRun.RunAsync(launcher with { Arguments = [.. prefix, "--rw", _workspace] });

        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("chitin-landlock: unknown option --frobnicate\n", unknown.Stderr);
        Assert.Equal(2, noCommand.ExitCode);
        Assert.Equal("chitin-landlock: missing -- PROGRAM ARG...\n", noCommand.Stderr);
    }

    [Fact]
    public async Task Confined_commands_die_with_the_process_that_started_the_launcher()
    {
        var marker = "3000." + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var command = Sandbox.Wrap(Sh($"exec sleep {marker}"));
        var arguments = command.Arguments.ToArray();
        arguments[Array.IndexOf(arguments, "--parent") + 1] = "PARENT";

        // A shell stands in for Chitin: it starts the launcher (telling it its own pid) and is then killed.
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("for a in \"$@\"; do [ \"$a\" = PARENT ] && a=$$; set -- \"$@\" \"$a\"; shift; done; \"$@\" & wait");
        startInfo.ArgumentList.Add("parent");
        startInfo.ArgumentList.Add(command.FileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var parent = new Process { StartInfo = startInfo };
        ChildProcessStarter.Start(parent);
        try
        {
            Assert.True(await Poll.UntilAsync(() => ProcessTable.WithArgument("sleep", marker).Count == 1, TimeSpan.FromSeconds(30)), "the confined sleep did not start");

            parent.Kill(entireProcessTree: false);
            await parent.WaitForExitAsync();

            Assert.True(await Poll.UntilAsync(() => ProcessTable.WithArgument("sleep", marker).Count == 0, TimeSpan.FromSeconds(30)), "the confined command outlived its parent");
        }
        finally
        {
            ProcessTable.KillAll(ProcessTable.WithArgument("sleep", marker));
        }
    }
}
