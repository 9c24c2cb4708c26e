using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;
using Chitin.Security.Audit;
using Chitin.Security.Permissions;
using Chitin.Tools;

namespace Chitin.Bench;

/// <summary>Cost of one permission decision with realistic layered rules and the audit log on. Target ≤ 20 µs median.</summary>
[MemoryDiagnoser]
public class PermissionBenchmarks
{
    private string _root = "";
    private PermissionEngine _engine = null!;
    private ToolApprovalRequest _shell = null!;
    private ToolApprovalRequest _compound = null!;
    private ToolApprovalRequest _read = null!;
    private ToolApprovalRequest _write = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("chitin-bench-perm-").FullName;
        var workspace = Directory.CreateDirectory(Path.Combine(_root, "ws")).FullName;
        File.WriteAllText(Path.Combine(workspace, "README.md"), "hi");
        PermissionLayer[] layers =
        [
            new(PermissionSource.Managed, "bench-managed", new PermissionSettings { Deny = ["run_shell(rm -rf*)", "read_file(~/.ssh/**)", "web_fetch(domain:evil.example)"] }),
            new(PermissionSource.Project, "bench-project", new PermissionSettings { Allow = ["run_shell(git status*)", "run_shell(git diff*)", "run_shell(dotnet test*)", "write_file(src/**)"], Ask = ["run_shell(git push*)"] }),
            new(PermissionSource.User, "bench-user", new PermissionSettings { Allow = ["run_shell(ls*)", "run_shell(cat*)"], Deny = ["read_file(**/.env)"] }),
            PermissionDefaults.Layer,
        ];
        _engine = new PermissionEngine(layers, new PermissionEngineOptions
        {
            AuditLog = new JsonlAuditLog(Path.Combine(_root, "audit.jsonl")),
            WorkingDirectory = workspace,
        });
        var tools = BuiltInTools.CreateDefault().ToDictionary(t => t.Name);
        var context = new ToolContext(workspace, "bench", Path.Combine(_root, "artifacts"));
        ToolApprovalRequest Make(string tool, string json) => new(tools[tool], "call_1", JsonDocument.Parse(json).RootElement.Clone(), context);
        _shell = Make("run_shell", """{"command":"git status --short"}""");
        _compound = Make("run_shell", """{"command":"git status && git diff --stat | cat"}""");
        _read = Make("read_file", """{"path":"README.md"}""");
        _write = Make("write_file", """{"path":"src/new.cs","content":"class A {}"}""");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "decision: run_shell")]
    public ValueTask<ToolApproval> Shell() => _engine.ApproveAsync(_shell, CancellationToken.None);

    [Benchmark(Description = "decision: compound run_shell")]
    public ValueTask<ToolApproval> Compound() => _engine.ApproveAsync(_compound, CancellationToken.None);

    [Benchmark(Description = "decision: read_file")]
    public ValueTask<ToolApproval> Read() => _engine.ApproveAsync(_read, CancellationToken.None);

    [Benchmark(Description = "decision: write_file")]
    public ValueTask<ToolApproval> Write() => _engine.ApproveAsync(_write, CancellationToken.None);
}
