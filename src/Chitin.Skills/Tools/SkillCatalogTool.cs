namespace Chitin.Skills.Tools;

/// <summary>
/// A read-only tool over the skills the session's workspace sees (<c>skill</c>, <c>skill_search</c>): the catalog
/// is built per call from the invocation's context, and the work is synchronous.
/// </summary>
public abstract class SkillCatalogTool : ToolBase
{
    private readonly Func<ToolContext, SkillCatalog> _catalog;

    protected SkillCatalogTool(string name, string description, string parametersSchema, Func<ToolContext, SkillCatalog> catalog)
        : base(name, description, parametersSchema, ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    }

    public sealed override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Invoke(ToolArguments.Of(this, invocation), invocation.Context));
    }

    /// <summary>The skills <paramref name="context"/>'s workspace sees.</summary>
    protected SkillCatalog Catalog(ToolContext context) => _catalog(context);

    protected abstract ToolResult Invoke(ToolArguments arguments, ToolContext context);
}
