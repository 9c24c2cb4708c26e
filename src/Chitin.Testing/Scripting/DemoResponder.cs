namespace Chitin.Testing.Scripting;

/// <summary>The demo task (<see cref="DemoScript"/>, the one <c>chitin demo</c> plays) as a server script.</summary>
internal static class DemoResponder
{
    public static ScriptStep Respond(ScriptRequest request)
    {
        if (DemoScript.Next(request.ToolResultCount) is { } step)
        {
            return ScriptStep.ToolCalls(step.Intro, new ScriptToolCall(step.Tool, step.ArgumentsJson));
        }

        var results = request.AllToolResults
            .Select((result, position) => (
                request.FindToolCall(result.CallId)?.Name ?? DemoScript.Next(position)?.Tool ?? "tool",
                result.Content,
                result.IsError))
            .ToList();
        return ScriptStep.Text(DemoScript.Summarise(results));
    }
}
