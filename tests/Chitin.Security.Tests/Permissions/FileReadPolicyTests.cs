using Chitin.Core.Tools;
using Chitin.Security.Permissions;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Permissions;

/// <summary>The engine as the read policy that grep, glob and list_dir consult for every file they would show.</summary>
public sealed class FileReadPolicyTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _home;
    private readonly string _workspace;
    private readonly ToolContext _context;

    public FileReadPolicyTests()
    {
        _home = _temp.CreateDirectory("home", "u");
        _workspace = _temp.CreateDirectory("work", "proj");
        _context = new ToolContext(_workspace, "s-1", _temp.Combine("artifacts"));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>An engine that has approved a grep call, as a search tool's call is approved before it reads: the run's tools are known.</summary>
    private PermissionEngine Engine(string[]? deny = null, string[]? ask = null, string[]? allow = null)
    {
        var engine = new PermissionEngine(
            [new PermissionLayer(PermissionSource.User, "/user.json", new PermissionSettings { Deny = deny ?? [], Ask = ask ?? [], Allow = allow ?? [] })],
            new PermissionEngineOptions { HomeDirectory = _home, WorkingDirectory = _workspace });
        _ = engine.ApproveAsync(Calls.File(DescribedTool.Grep, ".", _workspace), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return engine;
    }

    [Fact]
    public void Path_deny_rules_of_any_file_reading_tool_hide_the_path()
    {
        var engine = Engine(deny: ["read_file(~/.ssh/**)", "grep(**/.env)"]);

        Assert.False(engine.MayRead(Path.Combine(_home, ".ssh", "id_rsa"), _context));
        Assert.False(engine.MayRead(Path.Combine(_home, ".ssh"), _context));
        Assert.False(engine.MayRead(Path.Combine(_workspace, "deep", "er", ".env"), _context));
        Assert.True(engine.MayRead(Path.Combine(_workspace, "env.txt"), _context));
        Assert.True(engine.MayRead(Path.Combine(_home, ".sshrc"), _context));
    }

    [Fact]
    public void Denying_read_file_outright_hides_everything_but_asks_and_other_tools_do_not()
    {
        Assert.False(Engine(deny: ["read_file"]).MayRead(Path.Combine(_workspace, "a.txt"), _context));
        Assert.True(Engine(deny: ["write_file(**)", "run_shell"], ask: ["read_file(**)"]).MayRead(Path.Combine(_workspace, "a.txt"), _context));
        Assert.True(Engine().MayRead("/etc/hostname", _context));
    }

    [Fact]
    public void A_relative_rule_follows_the_workspace_of_the_call()
    {
        var engine = Engine(deny: ["read_file(secrets/**)"]);
        var other = _temp.CreateDirectory("work", "other");

        Assert.False(engine.MayRead(Path.Combine(_workspace, "secrets", "k.txt"), _context));
        Assert.True(engine.MayRead(Path.Combine(_workspace, "secrets", "k.txt"), _context with { Workspace = other }));
        Assert.False(engine.MayRead(Path.Combine(other, "secrets", "k.txt"), _context with { Workspace = other }));
    }
}
