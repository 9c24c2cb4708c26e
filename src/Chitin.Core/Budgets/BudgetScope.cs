namespace Chitin.Core.Budgets;

/// <summary>
/// Whose spend a cap limits, written as on the command line: <c>global</c>, <c>agent:&lt;id&gt;</c>,
/// <c>session:&lt;id&gt;</c>, <c>endpoint:&lt;name&gt;</c>.
/// </summary>
public readonly record struct BudgetScope(string Kind, string Id)
{
    public static BudgetScope Global { get; } = new("global", "");

    public static BudgetScope Agent(string id) => new("agent", id);

    public static BudgetScope Session(string id) => new("session", id);

    public static BudgetScope Endpoint(string name) => new("endpoint", name);

    /// <exception cref="FormatException">Not one of the four forms.</exception>
    public static BudgetScope Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Equals("global", StringComparison.OrdinalIgnoreCase))
        {
            return Global;
        }

        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        string kind = colon > 0 ? trimmed[..colon].ToLowerInvariant() : "";
        string id = colon > 0 ? trimmed[(colon + 1)..].Trim() : "";
        if (kind is "agent" or "session" or "endpoint" && id.Length > 0)
        {
            return new BudgetScope(kind, id);
        }

        throw new FormatException($"budget scope '{text}' must be global, agent:<id>, session:<id> or endpoint:<name>");
    }

    public override string ToString() => Kind == "global" ? "global" : $"{Kind}:{Id}";
}
