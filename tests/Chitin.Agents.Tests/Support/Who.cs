using System.Text.RegularExpressions;
using Chitin.Testing.Scripting;

namespace Chitin.Agents.Tests.Support;

/// <summary>Tells the scripted server's requests apart: a child's conversation starts with its brief.</summary>
public static partial class Who
{
    /// <summary>"a1", "a2"… for a child's request; null for the orchestrator's.</summary>
    public static string? ChildOf(ScriptRequest request) =>
        request.Messages.Count > 0 && BriefHeading().Match(request.Messages[0].Text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>How many model answers the conversation already holds: 0 on the first call.</summary>
    public static int Step(ScriptRequest request) => request.Messages.Count(m => m.Role == ScriptRole.Assistant);

    [GeneratedRegex(@"^# Brief for agent (a\d+)")]
    private static partial Regex BriefHeading();
}
