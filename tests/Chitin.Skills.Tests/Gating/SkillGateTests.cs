using Chitin.Skills.Gating;
using Chitin.Skills.Tests.Discovery;

namespace Chitin.Skills.Tests.Gating;

public sealed class SkillGateTests : IDisposable
{
    private readonly SkillTree _tree = new();
    private readonly string _bin;

    public SkillGateTests()
    {
        _bin = Directory.CreateDirectory(Path.Combine(_tree.Root, "bin")).FullName;
    }

    public void Dispose() => _tree.Dispose();

    private string Executable(string name, bool executable = true)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private FixedSkillEnvironment Environment(string os = "linux", params (string Name, string Value)[] variables)
    {
        var all = variables.ToDictionary(v => v.Name, v => v.Value);
        all.TryAdd("PATH", _bin);
        return new FixedSkillEnvironment(all, os);
    }

    private static SkillRequirements Requires(params (string Key, string Value)[] metadata) =>
        SkillRequirements.FromMetadata(metadata.ToDictionary(m => m.Key, m => m.Value));

    [Fact]
    public void Binaries_are_looked_up_in_the_real_path_directories()
    {
        var tool = Executable("fake-jq");
        Executable("not-executable", executable: false);
        var environment = Environment();

        Assert.Equal(tool, environment.FindExecutable("fake-jq"));
        Assert.Null(SkillGate.Check(Requires(("requires-bins", "fake-jq")), environment));
        Assert.Equal("needs binary 'not-executable' on PATH", SkillGate.Check(Requires(("requires-bins", "not-executable")), environment));
        Assert.Equal(
            "needs binary 'jq' on PATH; needs binary 'yq' on PATH",
            SkillGate.Check(Requires(("requires-bins", "fake-jq jq, yq")), environment));
    }

    [Fact]
    public void Relative_path_entries_and_names_with_slashes_never_match()
    {
        Executable("tool");
        var relative = Path.GetRelativePath(System.Environment.CurrentDirectory, _bin);
        var environment = new FixedSkillEnvironment(new Dictionary<string, string> { ["PATH"] = relative }, "linux");

        Assert.Null(environment.FindExecutable("tool"));
        Assert.Null(Environment().FindExecutable("../bin/tool"));
    }

    [Fact]
    public void Any_of_several_binaries_is_enough()
    {
        Executable("podman");
        var environment = Environment();

        Assert.Null(SkillGate.Check(Requires(("requires-any-bins", "docker podman")), environment));
        Assert.Equal("needs one of 'docker', 'nerdctl' on PATH", SkillGate.Check(Requires(("requires-any-bins", "docker nerdctl")), environment));
    }

    [Fact]
    public void Environment_variables_must_be_set_and_not_empty()
    {
        var environment = Environment("linux", ("GITHUB_TOKEN", "ghp_x"), ("EMPTY", ""));

        Assert.Null(SkillGate.Check(Requires(("requires-env", "GITHUB_TOKEN")), environment));
        Assert.Equal(
            "needs environment variable 'EMPTY'; needs environment variable 'MISSING'",
            SkillGate.Check(Requires(("requires-env", "GITHUB_TOKEN EMPTY MISSING")), environment));
    }

    [Theory]
    [InlineData("linux", "linux", true)]
    [InlineData("linux macos", "macos", true)]
    [InlineData("darwin", "macos", true)]
    [InlineData("win32", "windows", true)]
    [InlineData("macos", "linux", false)]
    [InlineData("windows", "darwin", false)]
    public void The_operating_system_must_be_one_of_those_named(string wanted, string actual, bool met)
    {
        var reason = SkillGate.Check(Requires(("os", wanted)), Environment(actual));

        Assert.Equal(met, reason is null);
        if (!met)
        {
            Assert.StartsWith("needs os ", reason, StringComparison.Ordinal);
            Assert.Contains("this is " + SkillOperatingSystems.Normalize(actual), reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_requirements_are_always_met()
    {
        Assert.True(SkillRequirements.FromMetadata(new Dictionary<string, string> { ["author"] = "me" }).IsEmpty);
        Assert.Null(SkillGate.Check(SkillRequirements.None, Environment()));
        Assert.Same(SkillRequirements.None, SkillRequirements.From(null));
    }

    [Fact]
    public void The_process_environment_finds_real_executables()
    {
        var environment = ProcessSkillEnvironment.Instance;

        Assert.Equal(SkillOperatingSystems.Current, environment.OperatingSystem);
        Assert.NotNull(environment.FindExecutable(OperatingSystem.IsWindows() ? "cmd" : "sh"));
        Assert.Null(environment.FindExecutable("chitin-no-such-binary-0b7e"));
        Assert.Equal(System.Environment.GetEnvironmentVariable("PATH"), environment.GetVariable("PATH"));
    }

    [Fact]
    public void Several_unmet_needs_are_all_reported_in_order()
    {
        var reason = SkillGate.Check(Requires(("os", "windows"), ("requires-bins", "nope"), ("requires-env", "NOPE_TOKEN")), Environment());

        Assert.Equal("needs os windows (this is linux); needs binary 'nope' on PATH; needs environment variable 'NOPE_TOKEN'", reason);
    }
}
