using Chitin.Testing.Scripting;

namespace Chitin.Cli.Tests.Support;

/// <summary>Scripted model behaviours the CLI tests use.</summary>
public static class Scripts
{
    public const string NoteFile = "note.txt";
    public const string NoteContent = "hello from the scripted model";
    public const string FinalAnswer = "All done: the note is written and checked.";

    /// <summary>
    /// Per user turn: write note.txt, read it back, then answer. Counts tool results since the latest user
    /// message, so a resumed session gets a fresh turn of the same shape.
    /// </summary>
    public static ModelScript WriteThenRead() => ModelScript.FromResponder(WriteThenReadStep);

    /// <summary>The answer <see cref="WriteThenRead"/> gives to one request.</summary>
    public static ScriptStep WriteThenReadStep(ScriptRequest request) => ToolResultsThisTurn(request) switch
    {
        0 => ScriptStep.ToolCalls("Writing the note.", new ScriptToolCall("write_file", $$"""{"path":"{{NoteFile}}","content":"{{NoteContent}}"}""")),
        1 => ScriptStep.ToolCalls("Reading it back.", new ScriptToolCall("read_file", $$"""{"path":"{{NoteFile}}"}""")),
        _ => ScriptStep.Text(FinalAnswer),
    };

    public static int ToolResultsThisTurn(ScriptRequest request)
    {
        var lastUser = -1;
        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i];
            if (message.Role == ScriptRole.User && message.ToolResults.Count == 0)
            {
                lastUser = i;
            }
        }

        return request.Messages.Skip(lastUser + 1).Sum(m => m.ToolResults.Count);
    }
}
