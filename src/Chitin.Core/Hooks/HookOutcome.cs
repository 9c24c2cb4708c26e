namespace Chitin.Core.Hooks;

/// <summary>A hook's answer. <see cref="RewrittenArguments"/> replaces a tool call's arguments (before_tool only).</summary>
public sealed record HookOutcome(HookVerdict Verdict, string? Reason = null, JsonElement? RewrittenArguments = null)
{
    public static HookOutcome Continue { get; } = new(HookVerdict.Continue);
}
