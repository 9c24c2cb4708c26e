namespace Chitin.Security.Permissions;

/// <summary>What an interactive front end shows when a call needs a person's approval.</summary>
/// <param name="Summary">The command, path or URL the call is about, or the tool name.</param>
/// <param name="Reason">Why it asks, e.g. "ask run_shell(git push*) [project: /repo/.chitin/config.json]".</param>
/// <param name="SessionKeys">What "always for this session" would remember, e.g. ["git status"] or ["write_file"].</param>
public sealed record PermissionPrompt(
    string SessionId,
    string Agent,
    string ToolName,
    string CallId,
    JsonElement Arguments,
    string Summary,
    string Reason,
    IReadOnlyList<string> SessionKeys);
