using System.Text.Json;
using Chitin.Core.Permissions;
using Chitin.Core.Tools;

namespace Chitin.Security.Tests.Support;

/// <summary>Builds approval requests the way the agent loop does.</summary>
public static class Calls
{
    private static int _next;

    public static ToolApprovalRequest Request(ITool tool, string argumentsJson, string workspace, string session = "session-1", bool preApproved = false, IReadOnlyList<string>? allowedDirectories = null)
    {
        var arguments = JsonDocument.Parse(argumentsJson).RootElement.Clone();
        var context = new ToolContext(workspace, session, System.IO.Path.Combine(workspace, ".artifacts"))
        {
            Agent = "tester",
            AllowedDirectories = allowedDirectories ?? [],
        };
        return new ToolApprovalRequest(tool, $"call-{Interlocked.Increment(ref _next)}", arguments, context) { PreApproved = preApproved, Tools = DescribedTool.Registry };
    }

    public static ToolApprovalRequest Shell(string command, string workspace, string session = "session-1", bool preApproved = false) =>
        Request(DescribedTool.RunShell, JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = command }), workspace, session, preApproved);

    public static ToolApprovalRequest File(ITool tool, string path, string workspace, string session = "session-1") =>
        Request(tool, JsonSerializer.Serialize(new Dictionary<string, string> { ["path"] = path }), workspace, session);

    public static ToolApprovalRequest Fetch(string url, string workspace) =>
        Request(DescribedTool.WebFetch, JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = url }), workspace);
}
