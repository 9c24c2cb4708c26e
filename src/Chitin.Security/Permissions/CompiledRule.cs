namespace Chitin.Security.Permissions;

internal sealed class CompiledRule(PermissionRule rule, PermissionRuleKind kind, PermissionLayer layer)
{
    public PermissionRule Rule { get; } = rule;

    public string Layer { get; } = layer.Describe();

    /// <summary>E.g. "deny run_shell(rm -rf*) [managed: /etc/chitin/managed.json]".</summary>
    public string Description { get; } = $"{kind.ToString().ToLowerInvariant()} {rule.Text} [{layer.Describe()}]";
}
