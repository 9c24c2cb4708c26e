namespace Chitin.Core.Tools;

/// <summary>
/// The argument of a tool that permission rules, skill guards and workspace confinement look at: each tool
/// declares its own, so no other project keeps a table of tool names.
/// </summary>
/// <param name="Kind">What the argument names.</param>
/// <param name="Argument">The argument's name in the call, e.g. "path".</param>
/// <param name="WhenAbsent">The value the tool uses when the argument is left out (e.g. "." for the workspace), or null when it is required.</param>
public sealed record ToolSubject(ToolSubjectKind Kind, string Argument, string? WhenAbsent = null)
{
    /// <summary>The tool reads the contents of every file below a folder path (grep), not just the folder's listing.</summary>
    public bool ReadsContentsBelow { get; init; }

    public static ToolSubject None { get; } = new(ToolSubjectKind.None, "");

    public bool IsPath => Kind is ToolSubjectKind.ReadPath or ToolSubjectKind.EditPath;

    public static ToolSubject Command(string argument = "command") => new(ToolSubjectKind.Command, argument);

    public static ToolSubject ReadPath(string argument = "path", string? whenAbsent = null, bool readsContentsBelow = false) =>
        new(ToolSubjectKind.ReadPath, argument, whenAbsent) { ReadsContentsBelow = readsContentsBelow };

    public static ToolSubject EditPath(string argument = "path") => new(ToolSubjectKind.EditPath, argument);

    public static ToolSubject Url(string argument = "url") => new(ToolSubjectKind.Url, argument);

    /// <summary>The subject's value in a call: the string argument, <see cref="WhenAbsent"/> when it is left out, null when it is not a string.</summary>
    public string? ValueIn(JsonElement arguments)
    {
        if (Kind == ToolSubjectKind.None)
        {
            return null;
        }

        var present = arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(Argument, out var value) && value.ValueKind != JsonValueKind.Null;
        return present ? ToolArguments.Peek(arguments, Argument) : WhenAbsent;
    }
}
