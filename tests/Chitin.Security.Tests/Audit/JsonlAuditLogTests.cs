using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chitin.Security.Audit;
using Chitin.Security.Permissions;
using Chitin.Security.Tests.Support;

namespace Chitin.Security.Tests.Audit;

public sealed class JsonlAuditLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private PermissionEngine Engine(IAuditLog log, bool approveAsks = false, params PermissionLayer[] layers) =>
        new(layers, new PermissionEngineOptions { AuditLog = log, ApproveAsks = approveAsks, HomeDirectory = _temp.Path });

    [Fact]
    public async Task Every_decision_is_written_with_a_digest_and_never_the_raw_arguments()
    {
        var path = JsonlAuditLog.DailyPath(_temp.Combine("home"), new DateTimeOffset(2025, 3, 7, 23, 59, 0, TimeSpan.Zero));
        Assert.EndsWith(Path.Combine("home", "audit", "2025-03-07.jsonl"), path, StringComparison.Ordinal);
        var workspace = _temp.CreateDirectory("ws");
        using (var log = new JsonlAuditLog(path))
        {
            var engine = Engine(
                log,
                approveAsks: true,
                new PermissionLayer(PermissionSource.Managed, "/etc/chitin/managed.json", new PermissionSettings { Deny = ["run_shell(curl*)"] }),
                new PermissionLayer(PermissionSource.Project, "/p.json", new PermissionSettings { Allow = ["run_shell(echo*)"] }));

            await engine.ApproveAsync(Calls.Shell("curl -H 'Authorization: Bearer hunter2-super-secret' http://127.0.0.1", workspace), CancellationToken.None);
            await engine.ApproveAsync(Calls.Shell("echo  hello", workspace), CancellationToken.None);
            await engine.ApproveAsync(Calls.Shell("make", workspace), CancellationToken.None);
            await engine.ApproveAsync(Calls.File(DescribedTool.ReadFile, "a.txt", workspace), CancellationToken.None);
        }

        var text = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("echo  hello", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Count(c => c == '\n'));

        var entries = JsonlAuditLog.ReadAll(path);
        Assert.Equal(4, entries.Count);
        var (deny, allow, ask, mode) = (entries[0], entries[1], entries[2], entries[3]);

        Assert.Equal(("deny", "deny", "rule", "managed: /etc/chitin/managed.json"), (deny.Decision, deny.Policy, deny.ResolvedBy, deny.Layer));
        Assert.Equal("deny run_shell(curl*) [managed: /etc/chitin/managed.json]", deny.Rule);
        Assert.Equal(("session-1", "tester", "run_shell"), (deny.SessionId, deny.Agent, deny.Tool));
        Assert.StartsWith("call-", deny.CallId, StringComparison.Ordinal);

        Assert.Equal(("allow", "allow", "rule"), (allow.Decision, allow.Policy, allow.ResolvedBy));
        Assert.Equal(("allow", "ask", "flag"), (ask.Decision, ask.Policy, ask.ResolvedBy));
        Assert.Equal(("allow", "allow", "mode"), (mode.Decision, mode.Policy, mode.ResolvedBy));
        Assert.Equal("read_file", mode.Tool);

        // The digest is SHA-256 of the canonical arguments: sorted keys, no whitespace.
        var canonical = JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = "echo  hello" });
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), allow.ArgumentsSha256);
    }

    [Fact]
    public void The_digest_does_not_depend_on_key_order_or_whitespace()
    {
        var a = JsonDocument.Parse("""{"b": [1, {"y": "é", "x": null}], "a": "q"}""").RootElement;
        var b = JsonDocument.Parse("""{ "a":"q","b":[1,{"x":null,"y":"\u00e9"}]}""").RootElement;
        var c = JsonDocument.Parse("""{"a": "q", "b": [1, {"x": null, "y": "e"}]}""").RootElement;

        Assert.Equal(ArgumentDigest.Sha256(a), ArgumentDigest.Sha256(b));
        Assert.NotEqual(ArgumentDigest.Sha256(a), ArgumentDigest.Sha256(c));
        Assert.Matches("^[0-9a-f]{64}$", ArgumentDigest.Sha256(a));
    }

    [Fact]
    public async Task Concurrent_writers_in_one_process_produce_whole_lines()
    {
        var path = _temp.Combine("audit", "concurrent.jsonl");
        using (var log = new JsonlAuditLog(path))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            {
                for (var i = 0; i < 250; i++)
                {
                    log.Append(Entry($"w{worker}-{i}"));
                }
            })));
        }

        var entries = JsonlAuditLog.ReadAll(path);
        Assert.Equal(2000, entries.Count);
        Assert.Equal(2000, entries.Select(e => e.CallId).Distinct().Count());
    }

    [Fact]
    public void Two_logs_on_the_same_file_append_rather_than_overwrite()
    {
        var path = _temp.Combine("shared.jsonl");
        using var first = new JsonlAuditLog(path);
        using var second = new JsonlAuditLog(path);

        for (var i = 0; i < 50; i++)
        {
            first.Append(Entry($"first-{i}"));
            second.Append(Entry($"second-{i}"));
        }

        var ids = JsonlAuditLog.ReadAll(path).Select(e => e.CallId).ToList();
        Assert.Equal(100, ids.Count);
        Assert.Equal(["first-0", "second-0", "first-1"], ids.Take(3));
    }

    [Fact]
    public async Task A_decision_that_cannot_be_audited_is_refused()
    {
        var log = new JsonlAuditLog(_temp.Combine("closed.jsonl"));
        log.Dispose();
        var engine = Engine(log, approveAsks: true);

        var approval = await engine.ApproveAsync(Calls.Shell("make", _temp.Path), CancellationToken.None);

        Assert.False(approval.Allowed);
        Assert.Contains("audit log could not be written", approval.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_line_is_reported_with_its_number()
    {
        var path = _temp.Combine("corrupt.jsonl");
        using (var log = new JsonlAuditLog(path))
        {
            log.Append(Entry("ok"));
        }

        File.AppendAllText(path, "{not json\n");

        var error = Assert.Throws<InvalidDataException>(() => JsonlAuditLog.ReadAll(path));
        Assert.Contains($"{path}:2", error.Message, StringComparison.Ordinal);
    }

    private static AuditEntry Entry(string callId) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        SessionId = "s",
        Tool = "run_shell",
        CallId = callId,
        ArgumentsSha256 = new string('0', 64),
        Decision = "allow",
        Policy = "allow",
        ResolvedBy = "rule",
    };
}
