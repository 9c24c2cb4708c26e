namespace Chitin.Agents.Roles;

/// <summary>
/// Reads roles from <c>.chitin/agents/*.md</c> with the skills' front-matter parser: <c>name</c>, <c>description</c>,
/// <c>allowed-tools</c> (the tool allow-list) and <c>metadata</c> with <c>model</c> and <c>budget_usd</c>. Read on
/// each look-up, so a role edited mid-run applies to the next spawn.
/// </summary>
public sealed class RoleCatalog(string workspace)
{
    public const string RolesFolder = ".chitin/agents";

    public string Folder { get; } = Path.Combine(Path.GetFullPath(workspace), RolesFolder);

    public IReadOnlyList<string> Names() =>
        Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.md").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The role, or an error that names the file and the problem (or the roles there are).</summary>
    public (AgentRole? Role, string? Error) Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.Combine(Folder, name + ".md");
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || !File.Exists(path))
        {
            var known = Names();
            return (null, known.Count == 0
                ? $"no role '{name}': {RolesFolder}/ holds no roles; spawn without a role or add {RolesFolder}/{name}.md"
                : $"no role '{name}' in {RolesFolder}/; roles: {string.Join(", ", known)}");
        }

        var document = SkillDocument.Parse(File.ReadAllText(path), name);
        var blocking = document.Findings.FirstOrDefault(f => f.Severity == FindingSeverity.Block);
        if (document.Manifest is not { } manifest || blocking is not null)
        {
            return (null, $"role file {RolesFolder}/{name}.md is invalid: line {blocking?.Line}: {blocking?.Message}");
        }

        manifest.Metadata.TryGetValue("model", out var model);
        decimal? budget = manifest.Metadata.TryGetValue("budget_usd", out var text)
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd) ? usd : null;
        var tools = manifest.AllowedTools.SelectMany(t => t.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return (new AgentRole(manifest.Name, manifest.Description, tools, string.IsNullOrWhiteSpace(model) ? null : model, budget, document.Body.Trim()), null);
    }
}
