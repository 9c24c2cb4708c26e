using Chitin.Security.Sandbox;
using Chitin.Security.Sandbox.Landlock;

namespace Chitin.Security.Tests.Sandbox;

/// <summary>bubblewrap first, Landlock when bubblewrap cannot run, and a refusal that says why when neither can.</summary>
public class FirstAvailableSandboxTests
{
    private static BubblewrapSandbox HiddenBubblewrap => new(new BubblewrapOptions { ExecutablePath = "/nonexistent/bin/bwrap" });

    private static LandlockSandbox HiddenLandlock => new(new LandlockOptions { LauncherPath = "/nonexistent/chitin-landlock" });

    [Fact]
    public void Bubblewrap_wins_when_it_runs()
    {
        var sandbox = new FirstAvailableSandbox(new BubblewrapSandbox(), new LandlockSandbox());

        Assert.IsType<BubblewrapSandbox>(sandbox.Selected);
        Assert.Equal("bubblewrap", sandbox.Name);
    }

    [Fact]
    public void Landlock_stands_in_when_bubblewrap_is_hidden()
    {
        var sandbox = new FirstAvailableSandbox(HiddenBubblewrap, new LandlockSandbox());

        Assert.True(sandbox.IsAvailable, sandbox.UnavailableReason);
        Assert.IsType<LandlockSandbox>(sandbox.Selected);
        Assert.Equal("landlock", sandbox.Name);
        Assert.EndsWith("chitin-landlock.dll", sandbox.Wrap(new Core.Tools.SandboxRequest("/bin/sh", "true", "/tmp")).Arguments[0], StringComparison.Ordinal);
    }

    [Fact]
    public void With_neither_the_selector_says_why_for_each_and_how_to_fix_it()
    {
        var sandbox = new FirstAvailableSandbox(HiddenBubblewrap, HiddenLandlock);

        Assert.False(sandbox.IsAvailable);
        Assert.Contains("bubblewrap: /nonexistent/bin/bwrap could not be started", sandbox.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("landlock: the chitin-landlock launcher was not found", sandbox.UnavailableReason, StringComparison.Ordinal);
        var refused = Assert.Throws<SandboxUnavailableException>(() => SandboxSelector.Select(SandboxPolicy.Required, sandbox));
        Assert.Contains("apt-get install bubblewrap", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--yes does not turn the sandbox off", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => sandbox.Wrap(new Core.Tools.SandboxRequest("/bin/sh", "true", "/tmp")));
    }
}
