using System.Diagnostics;
using Chitin.Platform.Processes;

namespace Chitin.Platform.Tests.Processes;

public sealed class ProcessGroupTests
{
    [Fact]
    public async Task Killing_the_group_also_kills_a_background_child_that_left_the_tree()
    {
        Assert.True(ProcessGroup.Available, "setsid is needed for process groups (util-linux)");
        var pidFile = Path.Join(Path.GetTempPath(), $"chitin-pg-{Guid.NewGuid():N}");
        using var process = new Process
        {
            // The child double-forks away from the tree (re-parented to init) and only the group still reaches it.
            StartInfo = ProcessGroup.StartInfo("/bin/sh", ["-c", $"(sleep 300 & echo $! > {pidFile}) ; echo ready; sleep 300"], Path.GetTempPath()),
        };
        process.Start();
        Assert.Equal("ready", await process.StandardOutput.ReadLineAsync());
        var child = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(pidFile);

        ProcessGroup.KillAll(process, ProcessGroup.Available);
        await process.WaitForExitAsync();

        using var orphan = TryGet(child);
        if (orphan is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await orphan.WaitForExitAsync(timeout.Token);
        }

        Assert.True(orphan is null || orphan.HasExited);
    }

    [Fact]
    public void Start_info_runs_the_program_under_setsid_with_its_arguments()
    {
        var info = ProcessGroup.StartInfo("/bin/sh", ["-c", "true"], "/tmp");

        Assert.Equal(ProcessGroup.Available ? ["/bin/sh", "-c", "true"] : ["-c", "true"], info.ArgumentList.ToArray());
        Assert.True(info.RedirectStandardOutput && info.RedirectStandardError && info.RedirectStandardInput);
        Assert.Equal("/tmp", info.WorkingDirectory);
    }

    private static Process? TryGet(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
