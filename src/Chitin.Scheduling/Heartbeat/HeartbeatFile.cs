namespace Chitin.Scheduling.Heartbeat;

/// <summary>
/// HEARTBEAT.md in the gateway's workspace. Its open tasks are the unchecked Markdown task items ("- [ ] …", also
/// with "*" or "+" bullets or numbers) outside HTML comments. Headings, prose, checked items ("- [x]") and comments
/// are context for the model, never work by themselves, so a file of instructions alone costs nothing.
/// </summary>
public static partial class HeartbeatFile
{
    public const string FileName = "HEARTBEAT.md";

    /// <summary>Larger files are cut here before they reach the model: the heartbeat's context stays light.</summary>
    public const int MaxChars = 16_000;

    /// <summary>The file's text (empty when it does not exist) and its number of open tasks.</summary>
    public static (string Text, int OpenTasks) Read(string workspace)
    {
        var path = Path.Combine(workspace, FileName);
        string text;
        try
        {
            text = File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            text = "";
        }
        catch (UnauthorizedAccessException)
        {
            text = "";
        }

        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        return (text, CountOpenTasks(text));
    }

    public static int CountOpenTasks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var visible = Comment().Replace(markdown, "");
        return OpenTask().Count(visible);
    }

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[ \][ \t]*\S", RegexOptions.Multiline)]
    private static partial Regex OpenTask();
}
