using System.Text.RegularExpressions;
using Chitin.Agents.Bus;
using Chitin.Agents.Orchestration;
using Chitin.Agents.Tests.Support;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Testing.Scripting;
using Chitin.Tools.Files;

namespace Chitin.Agents.Tests;

/// <summary>Roles from .chitin/agents/*.md, and where a worker may write.</summary>
public sealed partial class RoleTests
{
    [Fact]
    public async Task A_role_limits_the_child_s_tools_and_the_child_writes_only_in_its_own_folder()
    {
        IReadOnlyList<string>? childTools = null;
        var outsideResult = "";
        ScriptRequest? afterWait = null;
        await using var rig = await AgentRig.StartAsync(
            r =>
            {
                if (Who.ChildOf(r) is not null)
                {
                    childTools ??= r.ToolNames;
                    var folder = Folder().Match(r.Messages[0].Text).Groups[1].Value;
                    switch (Who.Step(r))
                    {
                        case 0:
                            return ScriptStep.ToolCalls(new ScriptToolCall("write_file", """{"path":"outside.txt","content":"x"}"""));
                        case 1:
                            outsideResult = r.LastToolResults.Single().Content;
                            return ScriptStep.ToolCalls(new ScriptToolCall("write_file", $$"""{"path":"{{folder}}/out/note.txt","content":"noted"}"""));
                        default:
                            return ScriptStep.Text("wrote the note");
                    }
                }

                switch (Who.Step(r))
                {
                    case 0:
                        return ScriptStep.ToolCalls(Calls.Spawn("take a note", ""","role":"scribe" """));
                    case 1:
                        return ScriptStep.ToolCalls(Calls.Wait());
                    default:
                        afterWait = r;
                        return ScriptStep.Text("done");
                }
            },
            tools: [new WriteFileTool(), new ReadFileTool()]);
        var roles = Directory.CreateDirectory(Path.Combine(rig.Workspace, ".chitin", "agents")).FullName;
        await File.WriteAllTextAsync(Path.Combine(roles, "scribe.md"), "---\nname: scribe\ndescription: Writes short notes into its out folder.\nallowed-tools: write_file\nmetadata:\n  budget_usd: \"0.10\"\n---\nKeep notes short.\n");

        var result = await rig.RunAsync("take notes");

        Assert.Equal(RunStatus.Done, result.Status);
        Assert.Equal(["write_file"], childTools);
        Assert.Contains("may only write in its own folder", outsideResult, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(rig.Workspace, "outside.txt")));
        var envelope = Assert.Single(Calls.Envelopes(afterWait!));
        Assert.Equal(AgentStatus.Done, envelope.Status);
        Assert.Equal("noted", await File.ReadAllTextAsync(Path.Combine(rig.Workspace, envelope.ArtifactsPath, "note.txt")));
        Assert.Contains("Keep notes short.", await File.ReadAllTextAsync(Path.Combine(rig.Workspace, Path.GetDirectoryName(envelope.ResultPath)!, "brief.md")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Your folder is ([^\s]+)/\.")]
    private static partial Regex Folder();
}
