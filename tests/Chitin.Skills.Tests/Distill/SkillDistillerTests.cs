using Chitin.Core.Agents;
using Chitin.Core.Context;
using Chitin.Core.Sessions;
using Chitin.Skills.Distill;
using Chitin.Skills.Format;
using Chitin.Skills.Library;
using Chitin.Skills.Tests.Library;
using Chitin.Skills.Vetting;
using Chitin.Testing.Scripting;

namespace Chitin.Skills.Tests.Distill;

public sealed class SkillDistillerTests
{
    [Fact]
    public async Task A_successful_session_becomes_a_draft_skill_that_passes_the_spec_and_the_vetter()
    {
        await using var rig = await DistillRig.StartAsync();
        var run = await rig.RunAsync(Sessions.CsvTask, Sessions.CsvReport("sales.csv"));
        Assert.Equal(RunStatus.Done, run.Status);
        rig.QueueDistillAnswer(DistillAnswers.CsvV1);

        var result = await rig.Distiller().DistillAsync(run.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.Stored, result.Outcome);
        Assert.Equal("csv-row-count-and-total", result.Name);
        Assert.Equal(1, result.Version);
        var document = SkillDocument.Load(result.Directory!);
        Assert.NotNull(document.Manifest);
        Assert.DoesNotContain(document.Findings, f => f.Severity != FindingSeverity.Info);
        Assert.Equal(run.SessionId, document.Manifest.Metadata["chitin-distilled-from"]);
        Assert.Equal("1", document.Manifest.Metadata["version"]);
        Assert.Contains("Use when the user asks", document.Manifest.Description, StringComparison.Ordinal);
        Assert.Contains("## When to use", document.Body, StringComparison.Ordinal);
        Assert.Contains("Do not count the header line", document.Body, StringComparison.Ordinal);
        var report = await TestVetter.Create().VetAsync(result.Directory!, [], CancellationToken.None);
        Assert.Equal(VetVerdict.Pass, report.Verdict);

        // One bounded model call that saw the task, the tool calls and the answer.
        var request = Assert.Single(rig.DistillRequests).Parsed!;
        var input = request.LastUserText!;
        Assert.Contains(Sessions.CsvTask, input, StringComparison.Ordinal);
        Assert.Contains("write_file", input, StringComparison.Ordinal);
        Assert.Contains("region,amount", input, StringComparison.Ordinal);
        Assert.Contains("the amounts total 200", input, StringComparison.Ordinal);
        Assert.Empty(request.ToolNames);

        // Metered like the loop's own calls.
        var usage = (await rig.Store.LoadUsageAsync(run.SessionId, CancellationToken.None)).Where(u => u.Agent == SkillDistiller.UsageAgent).ToList();
        var row = Assert.Single(usage);
        Assert.True(row.InputTokens > 0 && row.OutputTokens > 0);
        Assert.Equal("openai", row.Provider);
        Assert.Equal(row, result.Usage);

        // Stored as a draft: installed but disabled until the user enables it.
        var item = Assert.Single(rig.Library.List());
        Assert.Equal(InstalledSkillStatus.Draft, item.Status);
        Assert.Equal(SkillSourceKind.Distilled, item.Source);
        Assert.Equal(run.SessionId, item.DistilledFrom);
        Assert.Contains(item.Name, rig.Library.ReadState().DisabledNames);
        Assert.Equal(InstalledSkillStatus.Ready, (await rig.Library.EnableAsync(item.Name))!.Status);
    }

    [Fact]
    public async Task A_second_distill_of_a_similar_session_makes_version_2_not_a_copy()
    {
        await using var rig = await DistillRig.StartAsync();
        var first = await rig.RunAsync(Sessions.CsvTask, Sessions.CsvReport("sales.csv"));
        var second = await rig.RunAsync("Make orders.csv with two orders and give me the row count and the total amount.", Sessions.CsvReport("orders.csv"));
        rig.QueueDistillAnswer(DistillAnswers.CsvV1);
        rig.QueueDistillAnswer(DistillAnswers.CsvV2);
        var distiller = rig.Distiller();

        var v1 = await distiller.DistillAsync(first.SessionId, CancellationToken.None);
        var v2 = await distiller.DistillAsync(second.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.Stored, v1.Outcome);
        Assert.Equal(DistillOutcome.NewVersion, v2.Outcome);
        Assert.Equal(v1.Name, v2.Name);
        Assert.Equal(v1.Name, v2.DuplicateOf);
        Assert.Equal(2, v2.Version);
        Assert.Equal([v1.Name!], rig.Home.InstalledFolders());
        var current = SkillDocument.Load(v2.Directory!);
        Assert.Equal("2", current.Manifest!.Metadata["version"]);
        Assert.Equal(second.SessionId, current.Manifest.Metadata["chitin-distilled-from"]);
        Assert.Contains("Check that no row is empty", current.Body, StringComparison.Ordinal);
        var previous = Assert.Single(rig.Library.ListVersions(v1.Name!));
        Assert.Equal(1, previous.Version);
        Assert.Equal(first.SessionId, previous.DistilledFrom);
        var kept = SkillDocument.Load(rig.Library.VersionDirectory(v1.Name!, 1));
        Assert.Equal(first.SessionId, kept.Manifest!.Metadata["chitin-distilled-from"]);
        Assert.Equal(VetVerdict.Pass, (await TestVetter.Create().VetAsync(v2.Directory!, [], CancellationToken.None)).Verdict);
    }

    [Fact]
    public async Task A_different_procedure_becomes_its_own_skill()
    {
        await using var rig = await DistillRig.StartAsync();
        var first = await rig.RunAsync(Sessions.CsvTask, Sessions.CsvReport("sales.csv"));
        var second = await rig.RunAsync("Write release notes for v1.2 from the git history.", Sessions.CsvReport("notes.csv"));
        rig.QueueDistillAnswer(DistillAnswers.CsvV1);
        rig.QueueDistillAnswer(DistillAnswers.ReleaseNotes);
        var distiller = rig.Distiller();

        await distiller.DistillAsync(first.SessionId, CancellationToken.None);
        var other = await distiller.DistillAsync(second.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.Stored, other.Outcome);
        Assert.Null(other.DuplicateOf);
        Assert.Equal(["csv-row-count-and-total", "release-notes-from-git"], rig.Home.InstalledFolders().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_session_is_refused_without_a_model_call()
    {
        await using var rig = await DistillRig.StartAsync();
        var run = await rig.RunAsync("Summarise sales.csv", _ => ScriptStep.Error(400, "The request was rejected."));
        Assert.Equal(SessionStatus.Failed, (await rig.Store.GetSessionAsync(run.SessionId, CancellationToken.None))!.Status);

        var result = await rig.Distiller().DistillAsync(run.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.Refused, result.Outcome);
        Assert.Contains("failed, not done", result.Reason, StringComparison.Ordinal);
        Assert.Empty(rig.DistillRequests);
        Assert.Empty(rig.Home.InstalledFolders());
    }

    [Fact]
    public async Task A_session_that_ends_with_an_unresolved_tool_error_is_refused()
    {
        await using var rig = await DistillRig.StartAsync();
        var run = await rig.RunAsync("Summarise missing.csv", Sessions.UnresolvedError());
        Assert.Equal(RunStatus.Done, run.Status);

        var result = await rig.Distiller().DistillAsync(run.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.Refused, result.Outcome);
        Assert.Contains("unresolved tool errors", result.Reason, StringComparison.Ordinal);
        Assert.Contains("read_file", result.Reason, StringComparison.Ordinal);
        Assert.Empty(rig.DistillRequests);
    }

    [Fact]
    public async Task An_error_fixed_by_a_later_successful_call_does_not_stop_distillation()
    {
        await using var rig = await DistillRig.StartAsync();
        var run = await rig.RunAsync("Read later.csv, creating it if needed", Sessions.ResolvedError());
        rig.QueueDistillAnswer(DistillAnswers.CsvV1);

        var result = await rig.Distiller().DistillAsync(run.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.Stored, result.Outcome);
        Assert.Contains("Result (error)", Assert.Single(rig.DistillRequests).Parsed!.LastUserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_session_is_refused()
    {
        await using var rig = await DistillRig.StartAsync();

        var result = await rig.Distiller().DistillAsync("20990101-000000-abcdef", CancellationToken.None);

        Assert.Equal(DistillOutcome.Refused, result.Outcome);
        Assert.Contains("does not exist", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sure! Here is the skill: {\"name\": \"csv-count\", \"description\": \"Counts rows")]
    [InlineData("I cannot turn this session into a skill.")]
    [InlineData("{\"name\": \"csv-count\", \"description\": \"Counts rows.\"}")]
    public async Task A_broken_model_answer_writes_nothing_and_says_why(string answer)
    {
        await using var rig = await DistillRig.StartAsync();
        var run = await rig.RunAsync(Sessions.CsvTask, Sessions.CsvReport("sales.csv"));
        rig.QueueDistillAnswer(answer);

        var result = await rig.Distiller().DistillAsync(run.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.InvalidModelOutput, result.Outcome);
        Assert.Contains("Nothing was written", result.Reason, StringComparison.Ordinal);
        Assert.Empty(rig.Home.InstalledFolders());
        Assert.Empty(rig.Home.StagingLeftovers());
        Assert.False(File.Exists(rig.Home.Options.LockFilePath));
        Assert.NotNull(result.Usage);
    }

    [Fact]
    public async Task A_draft_the_vetter_blocks_is_not_stored()
    {
        await using var rig = await DistillRig.StartAsync();
        var run = await rig.RunAsync(Sessions.CsvTask, Sessions.CsvReport("sales.csv"));
        rig.QueueDistillAnswer(DistillAnswers.Dropper);

        var result = await rig.Distiller().DistillAsync(run.SessionId, CancellationToken.None);

        Assert.Equal(DistillOutcome.Blocked, result.Outcome);
        Assert.Equal(VetVerdict.Block, result.Report!.Verdict);
        Assert.Contains("Nothing was stored", result.Reason, StringComparison.Ordinal);
        Assert.Contains("evil.example.com", result.SkillMarkdown, StringComparison.Ordinal);
        Assert.Empty(rig.Home.InstalledFolders());
        Assert.Empty(rig.Home.StagingLeftovers());
    }

    [Fact]
    public async Task A_long_session_is_cut_to_the_input_budget()
    {
        await using var rig = await DistillRig.StartAsync();
        var lines = Enumerable.Range(1, 4000).Select(i => $"2026-01-01T00:00:{i % 60:D2}Z INFO request {i} served in {i % 97} ms");
        await File.WriteAllLinesAsync(Path.Combine(rig.Workspace, "server.log"), lines);
        var run = await rig.RunAsync("Read server.log and tell me how many lines it has", Sessions.HugeRead("server.log"));
        rig.QueueDistillAnswer(DistillAnswers.CsvV1);

        await rig.Distiller(new SkillDistillOptions { Model = DistillRig.Model, MaxInputTokens = 1_000 }).DistillAsync(run.SessionId, CancellationToken.None);

        var input = Assert.Single(rig.DistillRequests).Parsed!.LastUserText!;
        Assert.InRange(TiktokenCounter.Instance.CountTokens(input), 1, 1_000);
        Assert.Contains("Read server.log", input, StringComparison.Ordinal);
        Assert.Contains("4000 lines", input, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automatic_proposals_are_off_unless_opted_in_and_happen_once_per_session()
    {
        await using var rig = await DistillRig.StartAsync();
        var run = await rig.RunAsync(Sessions.CsvTask, Sessions.CsvReport("sales.csv"));
        var small = await rig.RunAsync("What is in this folder?", Sessions.OneCall());
        rig.QueueDistillAnswer(DistillAnswers.CsvV1);
        var optedIn = rig.Distiller(new SkillDistillOptions { Model = DistillRig.Model, AutoPropose = true, MinToolCallsToPropose = 3 });

        var off = await rig.Distiller().ProposeAsync(run.SessionId, CancellationToken.None);
        var proposed = await optedIn.ProposeAsync(run.SessionId, CancellationToken.None);
        var again = await optedIn.ProposeAsync(run.SessionId, CancellationToken.None);
        var tooSmall = await optedIn.ProposeAsync(small.SessionId, CancellationToken.None);

        Assert.Null(off);
        Assert.Equal(DistillOutcome.Stored, proposed!.Outcome);
        Assert.Null(again);
        Assert.Null(tooSmall);
        Assert.Single(rig.DistillRequests);
    }
}
