namespace Chitin.Core.Hooks;

/// <summary>Points in a run where external hook commands are consulted.</summary>
public enum HookEvent
{
    BeforeTool,
    AfterTool,
    UserPrompt,
    SessionStart,
    Stop,
    BeforeCompact,
}
