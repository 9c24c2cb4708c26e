namespace Chitin.Skills.Tools;

/// <summary>The skill tools for an agent's registry: <c>skill</c> and <c>skill_search</c>, sharing one catalog and session state.</summary>
public static class SkillTools
{
    /// <param name="catalog">The catalog for a call's workspace; it should return a cached catalog (discovery reads and vets folders).</param>
    /// <param name="state">Records which skills each session loaded; give the same instance to <see cref="Permissions.SkillScopedApprover"/>.</param>
    /// <param name="onLoad">Called after each successful load of a skill's instructions (for usage figures).</param>
    public static IReadOnlyList<ITool> Create(Func<ToolContext, SkillCatalog> catalog, SkillSessionState state, Action<SkillLoad>? onLoad = null, ITokenCounter? tokenCounter = null) =>
    [
        new SkillTool(catalog, state, onLoad, tokenCounter),
        new SkillSearchTool(catalog),
    ];
}
