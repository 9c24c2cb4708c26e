using Chitin.Testing.Scripting;

namespace Chitin.WebUi.Tests;

/// <summary>What the scripted model answers, chosen by the last user message, so tests of a class can share one server.</summary>
public static class ScriptedAnswers
{
    /// <summary>Markup that would run if any page rendered model text as HTML.</summary>
    public const string Hostile = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>";

    public const string Greeting = "Hello from the scripted model. This answer arrives in several chunks over the stream.";

    public const string FileWritten = "The file is written.";

    public const string ApprovalFile = "approved.txt";

    public static ModelScript Create() => ModelScript.FromResponder(Answer);

    private static ScriptStep Answer(ScriptRequest request)
    {
        var last = request.Messages.LastOrDefault(m => m.Role == ScriptRole.User)?.Text ?? "";
        var toolResultsSinceUser = request.Messages.SkipWhile(m => m.Role != ScriptRole.User || m.Text != last).Any(m => m.ToolResults.Count > 0);
        if (last.Contains("hostile", StringComparison.Ordinal))
        {
            return ScriptStep.Text("Here it is: " + Hostile);
        }

        if (last.Contains("write the approval file", StringComparison.Ordinal))
        {
            return toolResultsSinceUser
                ? ScriptStep.Text(FileWritten)
                : ScriptStep.ToolCalls(new ScriptToolCall("write_file", $$"""{"path":"{{ApprovalFile}}","content":"written after approval"}"""));
        }

        return ScriptStep.Text(Greeting);
    }
}
