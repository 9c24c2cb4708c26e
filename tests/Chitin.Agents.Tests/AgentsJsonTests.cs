using System.Text.Json;
using Chitin.Agents.Bus;
using Chitin.Core.Events;

namespace Chitin.Agents.Tests;

/// <summary>The stored and printed shapes of the bus: null fields are left out, except a run tree's start time.</summary>
public sealed class AgentsJsonTests
{
    [Fact]
    public void A_ledger_line_carries_only_the_fields_its_kind_sets_and_reads_back_the_same()
    {
        var entry = new LedgerEntry
        {
            Kind = LedgerKind.Charge,
            At = new DateTimeOffset(2026, 12, 6, 21, 0, 0, TimeSpan.Zero),
            Agent = "a1",
            Usd = 0.25m,
            Tokens = 1200,
        };

        var json = JsonSerializer.Serialize(entry, AgentsJsonContext.Default.LedgerEntry);

        Assert.Equal("""{"kind":"charge","at":"2026-12-06T21:00:00+00:00","agent":"a1","usd":0.25,"tokens":1200}""", json);
        Assert.Equal(entry, JsonSerializer.Deserialize(json, AgentsJsonContext.Default.LedgerEntry));
    }

    [Fact]
    public void A_status_row_and_an_envelope_leave_out_what_is_null_and_keep_zeros()
    {
        var row = new AgentStatusRow { Agent = "a1", Parent = "root", Status = AgentStatus.Queued, Task = "t", Folder = "f" };
        var envelope = new CompletionEnvelope
        {
            Agent = "a1",
            Status = AgentStatus.Done,
            Result = "ok",
            ResultPath = "r",
            ArtifactsPath = "a",
            TranscriptPath = "t",
        };

        Assert.Equal(
            """{"agent":"a1","parent":"root","status":"queued","task":"t","tokens":0,"cost_usd":0,"folder":"f"}""",
            JsonSerializer.Serialize(row, AgentsJsonContext.Default.AgentStatusRow));
        Assert.Equal(
            """{"agent":"a1","status":"done","result":"ok","truncated":false,"result_path":"r","artifacts_path":"a","transcript_path":"t","tokens":0,"cost_usd":0}""",
            JsonSerializer.Serialize(envelope, AgentsJsonContext.Default.CompletionEnvelope));
    }

    [Fact]
    public void A_run_tree_without_a_start_time_still_prints_started_at_null()
    {
        var tree = new RunTree { TaskId = "task1", Folder = "f", Agents = [] };

        Assert.Equal(
            """{"task_id":"task1","folder":"f","started_at":null,"agents":[],"tokens":0,"cost_usd":0}""",
            JsonSerializer.Serialize(tree, AgentsJsonContext.Default.RunTree));
    }
}
