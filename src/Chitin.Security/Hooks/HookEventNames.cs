namespace Chitin.Security.Hooks;

/// <summary>The snake_case names of hook events used in config and on a hook's stdin.</summary>
public static class HookEventNames
{
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<HookEvent>().Select(ToName)];

    public static string ToName(HookEvent hookEvent) => hookEvent switch
    {
        HookEvent.BeforeTool => "before_tool",
        HookEvent.AfterTool => "after_tool",
        HookEvent.UserPrompt => "user_prompt",
        HookEvent.SessionStart => "session_start",
        HookEvent.Stop => "stop",
        HookEvent.BeforeCompact => "before_compact",
        _ => hookEvent.ToString(),
    };

    public static bool TryParse(string name, out HookEvent hookEvent)
    {
        foreach (var candidate in Enum.GetValues<HookEvent>())
        {
            if (ToName(candidate) == name)
            {
                hookEvent = candidate;
                return true;
            }
        }

        hookEvent = default;
        return false;
    }

    /// <summary>Events about one tool call, where a matcher selects tools.</summary>
    public static bool IsToolEvent(HookEvent hookEvent) => hookEvent is HookEvent.BeforeTool or HookEvent.AfterTool;

    /// <summary>Events whose hooks guard something: a failing hook there denies rather than being ignored.</summary>
    public static bool FailsClosed(HookEvent hookEvent) => hookEvent is HookEvent.BeforeTool or HookEvent.UserPrompt;
}
