namespace Chitin.Core.Hooks;

public enum HookVerdict
{
    /// <summary>No opinion: carry on as policy says.</summary>
    Continue,

    /// <summary>Approve a tool call that policy would otherwise ask about (never one policy denies).</summary>
    Allow,

    /// <summary>Refuse; the reason is shown to the model.</summary>
    Deny,
}
