namespace Chitin.Security.Permissions;

/// <summary>What the rules and the mode say about a call, before an "ask" is resolved.</summary>
/// <param name="Rule">The deciding rule or mode as messages show it, e.g. "deny run_shell(rm -rf*) [managed: /etc/chitin/managed.json]".</param>
/// <param name="Layer">The deciding layer, e.g. "managed: /etc/chitin/managed.json".</param>
/// <param name="ResolvedBy">"rule" or "mode".</param>
internal readonly record struct PolicyVerdict(PermissionRuleKind Kind, string Rule, string? Layer, string? Reason, string ResolvedBy);
