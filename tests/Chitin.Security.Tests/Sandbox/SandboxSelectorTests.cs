using Chitin.Security.Sandbox;

namespace Chitin.Security.Tests.Sandbox;

public class SandboxSelectorTests
{
    private static readonly BubblewrapSandbox Missing = new(new BubblewrapOptions { ExecutablePath = "/nonexistent/bin/bwrap" });

    private static readonly BubblewrapSandbox Broken = new(new BubblewrapOptions { ExecutablePath = "/bin/false" });

    [Fact]
    public void A_bwrap_that_cannot_start_is_unavailable_with_the_reason()
    {
        Assert.False(Missing.IsAvailable);
        Assert.Contains("/nonexistent/bin/bwrap could not be started", Missing.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bwrap_whose_trial_run_fails_is_unavailable_with_the_exit_code()
    {
        Assert.False(Broken.IsAvailable);
        Assert.Contains("a trial run of /bin/false failed (exit code 1)", Broken.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_program_missing_from_path_is_not_found()
    {
        Assert.Null(BubblewrapSandbox.FindOnPath("chitin-no-such-program-" + Guid.NewGuid().ToString("N")));
        Assert.NotNull(BubblewrapSandbox.FindOnPath("sh"));
    }

    [Fact]
    public void Required_without_a_sandbox_is_an_error_that_says_why_and_what_to_install()
    {
        var error = Assert.Throws<SandboxUnavailableException>(() => SandboxSelector.Select(SandboxPolicy.Required, Broken));

        Assert.StartsWith("policy requires a sandbox but bubblewrap is not available: a trial run of /bin/false failed (exit code 1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("install bubblewrap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preferred_without_a_sandbox_warns_that_commands_will_be_refused_and_how_to_fix_it()
    {
        var selection = SandboxSelector.Select(SandboxPolicy.Preferred, Missing);

        Assert.Null(selection.Sandbox);
        Assert.Contains("shell commands will be refused", selection.Warning, StringComparison.Ordinal);
        Assert.Contains("could not be started", selection.Warning, StringComparison.Ordinal);
        Assert.Contains("apt-get install bubblewrap", selection.Warning, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"off\"", selection.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Off_never_sandboxes_and_never_warns()
    {
        Assert.Equal(new SandboxSelection(null, null), SandboxSelector.Select(SandboxPolicy.Off, Missing));
    }

    [Fact]
    public void An_available_sandbox_is_selected_under_required_and_preferred()
    {
        var real = new BubblewrapSandbox();
        Assert.True(real.IsAvailable, real.UnavailableReason);

        Assert.Same(real, SandboxSelector.Select(SandboxPolicy.Required, real).Sandbox);
        Assert.Equal(new SandboxSelection(real, null), SandboxSelector.Select(SandboxPolicy.Preferred, real));
    }

    [Theory]
    [InlineData("required", SandboxPolicy.Required)]
    [InlineData(" Preferred ", SandboxPolicy.Preferred)]
    [InlineData("off", SandboxPolicy.Off)]
    public void Policies_parse(string text, SandboxPolicy expected)
    {
        Assert.Equal(expected, SandboxSelector.ParsePolicy(text, "test"));
    }

    [Fact]
    public void An_unknown_policy_names_its_origin()
    {
        var error = Assert.Throws<FormatException>(() => SandboxSelector.ParsePolicy("maybe", "sandbox of /x/config.json"));
        Assert.Contains("\"maybe\" in sandbox of /x/config.json", error.Message, StringComparison.Ordinal);
    }
}
