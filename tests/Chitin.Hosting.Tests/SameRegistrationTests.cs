using System.Text.Json;
using Chitin.Cli.Hosting;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tools;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Hosting.Tests;

/// <summary>
/// A gateway-style host (a <see cref="HostContext"/>, no CLI type) and the CLI's host (its <see cref="CliContext"/>)
/// are built from the same registration, so they offer the same tools, prompt, permissions and runs.
/// </summary>
public sealed class SameRegistrationTests
{
    private static readonly string[] ReadOnlyTask = ["list_dir", "read_file"];

    [Fact]
    public async Task The_gateway_style_host_and_the_cli_host_behave_identically()
    {
        using var folder = new HostFolder();
        File.WriteAllText(Path.Combine(folder.Workspace, "notes.txt"), "three notes\n");
        await using var cliServer = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(TwoToolSteps));
        await using var gatewayServer = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(TwoToolSteps));
        var cliContext = new CliContext
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            Environment = folder.Environment("cli-home", cliServer),
            WorkingDirectory = folder.Workspace,
        };

        await using var cli = await StartedHost.StartAsync(cliContext);
        await using var gateway = await StartedHost.StartAsync(folder.Gateway(folder.Environment("gateway-home", gatewayServer)));

        Assert.Equal(Describe(cli.Host.Tools), Describe(gateway.Host.Tools));
        Assert.Contains("memory_search", Describe(gateway.Host.Tools).Select(t => t.Name));
        Assert.Equal(await DecideAsync(cli, folder.Workspace), await DecideAsync(gateway, folder.Workspace));

        var cliRun = await RunAsync(cli, folder.Workspace);
        var gatewayRun = await RunAsync(gateway, folder.Workspace);

        Assert.Equal(RunStatus.Done, cliRun.Result.Status);
        Assert.Equal(RunStatus.Done, gatewayRun.Result.Status);
        Assert.Equal(3, cliServer.Requests.Count);
        // System prompt bytes, tool schemas and every message sent to the model.
        Assert.Equal(cliServer.Requests.Select(r => r.Body), gatewayServer.Requests.Select(r => r.Body));
        Assert.Equal(cliRun.Transcript, gatewayRun.Transcript);
        Assert.Equal(ReadOnlyTask, cliRun.Transcript.Where(m => m.Role == MessageRole.Tool).Select(m => m.ToolName));
    }

    private static ScriptStep TwoToolSteps(ScriptRequest request) => request.ToolResultCount switch
    {
        0 => ScriptStep.ToolCalls(new ScriptToolCall("list_dir", """{"path":"."}""")),
        1 => ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"notes.txt"}""")),
        _ => ScriptStep.Text("notes.txt holds three notes."),
    };

    private static List<(string Name, string Description, string Schema)> Describe(ToolRegistry tools) =>
        tools.Tools.Select(t => (t.Name, t.Description, t.ParametersSchema.GetRawText())).ToList();

    private static async Task<List<(string Tool, bool Allowed, string? Reason, string? Rule)>> DecideAsync(StartedHost host, string workspace)
    {
        var context = new ToolContext(workspace, "decision-session", Path.Combine(workspace, ".artifacts"));
        var calls = new[]
        {
            ("run_shell", """{"command":"rm -rf /"}"""),
            ("write_file", """{"path":"out.txt","content":"x"}"""),
            ("read_file", """{"path":"/etc/shadow"}"""),
        };
        var decisions = new List<(string, bool, string?, string?)>();
        foreach (var (name, arguments) in calls)
        {
            var tool = host.Host.Tools.Tools.Single(t => t.Name == name);
            using var document = JsonDocument.Parse(arguments);
            var approval = await host.Safety.Permissions.ApproveAsync(new ToolApprovalRequest(tool, "call-1", document.RootElement.Clone(), context), CancellationToken.None);
            decisions.Add((name, approval.Allowed, approval.Reason, approval.Rule));
        }

        return decisions;
    }

    private static async Task<(AgentRunResult Result, List<(MessageRole Role, string? Text, string? ToolName, string Calls)> Transcript)> RunAsync(StartedHost host, string workspace)
    {
        var runner = host.Host.Runners.Create(host.Config.RequireModel());
        AgentRunResult? result = null;
        var request = new AgentRunRequest { Prompt = "What is in notes.txt?", Model = host.Config.RequireModel(), Workspace = workspace, Limits = host.Config.Limits };
        await foreach (var agentEvent in runner.RunAsync(request, CancellationToken.None))
        {
            if (agentEvent is RunCompleted completed)
            {
                result = completed.Result;
            }
        }

        Assert.NotNull(result);
        var messages = await host.Host.Store.LoadMessagesAsync(result.SessionId, CancellationToken.None);
        var transcript = messages
            .Select(m => (m.Role, m.Text, m.ToolName, string.Join(";", (m.ToolCalls ?? []).Select(c => c.Name + c.ArgumentsJson))))
            .ToList();
        return (result, transcript);
    }
}
