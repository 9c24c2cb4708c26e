namespace Chitin.Security.Permissions;

/// <summary>Which list a rule sits in. A matching deny beats ask, which beats allow, whatever the layer.</summary>
public enum PermissionRuleKind
{
    Allow,
    Ask,
    Deny,
}
