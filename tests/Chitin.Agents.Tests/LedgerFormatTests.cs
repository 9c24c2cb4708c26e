using System.Text.Json;
using Chitin.Agents.Bus;
using Chitin.Core.Events;
using Chitin.Core.Serialization;

namespace Chitin.Agents.Tests;

/// <summary>Kinds and statuses are enums now; ledgers and envelopes written before read and write the same strings.</summary>
public sealed class LedgerFormatTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-ledger-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_old_ledger_replays_and_is_written_back_byte_for_byte()
    {
        string[] lines =
        [
            """{"kind":"spawn","at":"2026-03-01T10:00:00+00:00","agent":"a1","parent":"root","task":"write the report","budget_usd":0.5}""",
            """{"kind":"spawn","at":"2026-03-01T10:00:00+00:00","agent":"a2","parent":"root","task":"check the sources"}""",
            """{"kind":"claim","at":"2026-03-01T10:00:01+00:00","agent":"a1","session":"s1","pid":42}""",
            """{"kind":"charge","at":"2026-03-01T10:00:02+00:00","agent":"a1","usd":0.25,"tokens":100}""",
            """{"kind":"fail","at":"2026-03-01T10:00:03+00:00","agent":"a1","session":"s1","status":"budget_exceeded","usd":0.5,"tokens":200,"error":"cap"}""",
            """{"kind":"claim","at":"2026-03-01T10:00:04+00:00","agent":"a2","session":"s2","pid":42}""",
        ];
        var old = Path.Combine(_folder, "old.jsonl");
        await File.WriteAllLinesAsync(old, lines);

        var entries = RunLedger.Read(old);
        var tree = LedgerReplay.Replay(new RunFolders(_folder, "t1"), entries);
        var copy = new RunLedger(Path.Combine(_folder, "copy.jsonl"));
        foreach (var entry in entries)
        {
            await copy.AppendAsync(entry, CancellationToken.None);
        }

        Assert.Equal([LedgerKind.Spawn, LedgerKind.Spawn, LedgerKind.Claim, LedgerKind.Charge, LedgerKind.Fail, LedgerKind.Claim], entries.Select(e => e.Kind));
        Assert.Equal([AgentStatus.BudgetExceeded, AgentStatus.Running], tree.Agents.Select(a => a.Status));
        Assert.Equal(lines, await File.ReadAllLinesAsync(copy.Path));
        Assert.Contains("\"status\":\"running\"", JsonSerializer.Serialize(tree, AgentsJsonContext.Default.RunTree), StringComparison.Ordinal);
    }

    [Fact]
    public void An_old_envelope_reads_its_status_and_writes_the_same_json()
    {
        const string Json = """{"agent":"a1","status":"budget_exceeded","result":"partial","truncated":false,"result_path":"r.md","artifacts_path":"out/","transcript_path":"t.jsonl","tokens":3,"cost_usd":0.25,"error":"cap"}""";

        var envelope = JsonSerializer.Deserialize(Json, AgentsJsonContext.Default.CompletionEnvelope)!;

        Assert.Equal(AgentStatus.BudgetExceeded, envelope.Status);
        Assert.Equal(Json, JsonSerializer.Serialize(envelope, AgentsJsonContext.Default.CompletionEnvelope));
    }

    [Fact]
    public void Every_status_and_kind_has_one_name_in_json_and_text()
    {
        foreach (var status in Enum.GetValues<AgentStatus>())
        {
            var name = StoredNames.Name(status);
            Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(status, AgentsJsonContext.Default.AgentStatus));
            Assert.Equal(status, StoredNames.Parse<AgentStatus>(name));
        }

        Assert.Equal(["spawn", "claim", "charge", "complete", "fail"], Enum.GetValues<LedgerKind>().Select(StoredNames.Name));
        Assert.Throws<FormatException>(() => StoredNames.Parse<AgentStatus>("Done"));
    }
}
