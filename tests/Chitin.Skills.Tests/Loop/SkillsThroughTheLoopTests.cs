using Chitin.Core.Agents;
using Chitin.Core.Permissions;
using Chitin.Security.Permissions;
using Chitin.Skills.Tests.Discovery;
using Chitin.Testing.Scripting;

namespace Chitin.Skills.Tests.Loop;

public sealed class SkillsThroughTheLoopTests
{
    private const string CsvBody = "CSV-BODY-MARKER-2291";
    private const string EvilPayload = "Z9Q-EVIL-PAYLOAD-41";

    public static TheoryData<WireFormat> Formats => new() { WireFormat.OpenAI, WireFormat.Anthropic };

    private static void WriteCsvSkill(string parent) =>
        SkillTree.Write(
            parent,
            "csv-report",
            "Summarise CSV files with row counts and totals. Use when the user has a CSV file.",
            body: $"# CSV report\n\n{CsvBody}\n\nRead references/format.md for the delimiter rules.\n",
            files: new Dictionary<string, string> { ["references/format.md"] = "FORMAT-RULES: commas separate columns.\n" });

    [Fact]
    public async Task The_prompt_holds_only_the_index_and_stays_byte_identical_across_turns_and_runs()
    {
        var script = ModelScript.FromResponder(r => r.LastToolResults.Count == 0
            ? ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}"""))
            : ScriptStep.Text("done"));
        await using var loop = await SkillLoop.StartAsync(script);
        WriteCsvSkill(loop.ProjectSkills);
        SkillTree.Write(loop.UserSkills, "git-notes", "Keep notes in git. Use when the user wants notes versioned.");
        SkillContent.WriteBlocked(loop.ProjectSkills, "evil-setup", EvilPayload);

        var first = await loop.Runner(new DefaultToolApprover(approveAll: true)).RunToCompletionAsync(loop.Request("look around"));
        SkillTree.Write(loop.ProjectSkills, "added-later", "Arrived mid-session. Use when testing.");
        var second = await loop.Runner(new DefaultToolApprover(approveAll: true)).RunToCompletionAsync(loop.Request("again", first.SessionId));

        Assert.Equal(RunStatus.Done, first.Status);
        Assert.Equal(RunStatus.Done, second.Status);
        var prompts = loop.Server.Requests.Select(r => r.Parsed!.SystemPrompt!).ToArray();
        Assert.Equal(4, prompts.Length);
        Assert.All(prompts, p => Assert.Equal(prompts[0], p));
        Assert.Contains("# Skills\n", prompts[0], StringComparison.Ordinal);
        Assert.Contains("- csv-report: Summarise CSV files with row counts and totals. Use when the user has a CSV file.", prompts[0], StringComparison.Ordinal);
        Assert.Contains("- git-notes: Keep notes in git.", prompts[0], StringComparison.Ordinal);
        Assert.DoesNotContain(CsvBody, prompts[0], StringComparison.Ordinal);
        Assert.DoesNotContain("evil-setup", prompts[0], StringComparison.Ordinal);
        Assert.DoesNotContain("added-later", prompts[0], StringComparison.Ordinal);
        Assert.True(loop.Server.Requests.Skip(1).All(r => r.CachedTokens > 0), "the prefix was not reused");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_skill_body_and_its_files_are_loaded_on_demand_through_the_skill_tool(WireFormat format)
    {
        var script = ModelScript.FromResponder(r => r.ToolResultCount switch
        {
            0 => ScriptStep.ToolCalls(new ScriptToolCall("skill", """{"name":"csv-report"}""")),
            1 => ScriptStep.ToolCalls(new ScriptToolCall("skill", """{"name":"csv-report","file":"references/format.md"}""")),
            _ => ScriptStep.Text("Loaded the CSV skill and its format rules."),
        });
        await using var loop = await SkillLoop.StartAsync(script, format);
        WriteCsvSkill(loop.ProjectSkills);

        var result = await loop.Runner(new DefaultToolApprover(approveAll: false)).RunToCompletionAsync(loop.Request("summarise data.csv"));

        Assert.Equal(RunStatus.Done, result.Status);
        var requests = loop.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.DoesNotContain(CsvBody, requests[0].Body, StringComparison.Ordinal);
        var body = Assert.Single(requests[1].Parsed!.LastToolResults);
        Assert.False(body.IsError);
        Assert.Contains(CsvBody, body.Content, StringComparison.Ordinal);
        Assert.Contains("- references/format.md", body.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("description:", body.Content, StringComparison.Ordinal);
        Assert.Contains("FORMAT-RULES", Assert.Single(requests[2].Parsed!.LastToolResults).Content, StringComparison.Ordinal);
        Assert.Equal(requests[0].Parsed!.SystemPrompt, requests[2].Parsed!.SystemPrompt);
        Assert.Equal(["csv-report"], loop.State.LoadedSkillNames(result.SessionId));
        var load = Assert.Single(loop.Loads);
        Assert.Equal(result.SessionId, load.SessionId);
        Assert.True(load.Tokens > 0);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_blocked_skill_never_reaches_the_model_even_when_asked_for_by_name(WireFormat format)
    {
        var calls = new[]
        {
            new ScriptToolCall("skill", """{"name":"evil-setup"}"""),
            new ScriptToolCall("skill", """{"name":"evil-setup","file":"SKILL.md"}"""),
            new ScriptToolCall("skill", """{"name":"evil-setup","file":"references/notes.md"}"""),
            new ScriptToolCall("read_file", """{"path":".chitin/skills/evil-setup/SKILL.md"}"""),
            new ScriptToolCall("read_file", """{"path":".chitin/skills/evil-setup/references/notes.md"}"""),
            new ScriptToolCall("grep", """{"pattern":"PAYLOAD"}"""),
            new ScriptToolCall("run_shell", """{"command":"cat .chitin/skills/evil-setup/SKILL.md"}"""),
            new ScriptToolCall("skill_search", """{"query":"setup toolchain install"}"""),
        };
        var script = ModelScript.FromResponder(r => r.ToolResultCount < calls.Length
            ? ScriptStep.ToolCalls(calls[r.ToolResultCount])
            : ScriptStep.Text("I could not use that skill."));
        await using var loop = await SkillLoop.StartAsync(script, format);
        SkillContent.WriteBlocked(loop.ProjectSkills, "evil-setup", EvilPayload);
        WriteCsvSkill(loop.ProjectSkills);

        var result = await loop.Runner(new DefaultToolApprover(approveAll: true)).RunToCompletionAsync(loop.Request("use the evil-setup skill"));

        Assert.Equal(RunStatus.Done, result.Status);
        var requests = loop.Server.Requests;
        Assert.Equal(calls.Length + 1, requests.Count);
        Assert.All(requests, r => Assert.DoesNotContain(EvilPayload, r.Body, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.DoesNotContain("evil.example.com", r.Body, StringComparison.Ordinal));
        var results = requests[^1].Parsed!.AllToolResults.ToArray();
        Assert.Equal(calls.Length, results.Length);
        Assert.All(results.Take(7), r => Assert.Contains("blocked", r.Content, StringComparison.Ordinal));
        Assert.DoesNotContain("evil-setup", results[7].Content, StringComparison.Ordinal);
        Assert.Empty(loop.Loads);
        Assert.Empty(loop.State.LoadedSkillNames(result.SessionId));
    }

    [Fact]
    public async Task Allowed_tools_pre_approve_only_in_the_session_that_loaded_the_skill()
    {
        var script = ModelScript.FromResponder(r =>
        {
            var withSkill = r.Messages[0].Text.Contains("with the skill", StringComparison.Ordinal);
            return (withSkill, r.ToolResultCount) switch
            {
                (true, 0) => ScriptStep.ToolCalls(new ScriptToolCall("skill", """{"name":"echo-helper"}""")),
                (true, 1) => ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"echo hello-from-skill"}""")),
                (true, 2) => ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"echo hi; echo there"}""")),
                (false, 0) => ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"echo hello-from-skill"}""")),
                _ => ScriptStep.Text("finished"),
            };
        });
        await using var loop = await SkillLoop.StartAsync(script);
        SkillTree.Write(loop.ProjectSkills, "echo-helper", "Greets with echo. Use when the user wants a greeting.", extraFrontMatter: "allowed-tools: Bash(echo:*)\n");
        var policy = new PermissionEngine([new PermissionLayer(PermissionSource.Defaults, "test", PermissionSettings.Empty)]);

        var withSkill = await loop.Runner(policy).RunToCompletionAsync(loop.Request("greet with the skill"));
        var withSkillResults = loop.Server.Requests[^1].Parsed!.AllToolResults.ToArray();
        var without = await loop.Runner(policy).RunToCompletionAsync(loop.Request("greet without it"));
        var withoutResults = loop.Server.Requests[^1].Parsed!.AllToolResults.ToArray();

        Assert.Equal(RunStatus.Done, withSkill.Status);
        Assert.Equal(3, withSkillResults.Length);
        Assert.Contains("hello-from-skill", withSkillResults[1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Permission denied", withSkillResults[1].Content, StringComparison.Ordinal);
        Assert.Contains("Permission denied", withSkillResults[2].Content, StringComparison.Ordinal);

        Assert.Equal(RunStatus.Done, without.Status);
        Assert.NotEqual(withSkill.SessionId, without.SessionId);
        var denied = Assert.Single(withoutResults);
        Assert.Contains("Permission denied", denied.Content, StringComparison.Ordinal);
        Assert.Contains("needs approval", denied.Content, StringComparison.Ordinal);
    }
}
