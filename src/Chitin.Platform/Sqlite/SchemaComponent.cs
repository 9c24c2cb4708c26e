namespace Chitin.Platform.Sqlite;

/// <summary>
/// One component's tables in the shared Chitin database (sessions, memory, skills, …) with its own ordered schema
/// history. Each component's version is a row of <c>chitin_schema</c>, so components migrate independently.
/// </summary>
public sealed record SchemaComponent
{
    public SchemaComponent(string name, IReadOnlyList<SchemaMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(migrations);
        if (migrations.Count == 0)
        {
            throw new ArgumentException($"Component '{name}' needs at least one migration.", nameof(migrations));
        }

        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new ArgumentException($"Component '{name}': migration {i + 1} has version {migrations[i].Version}; versions must run 1, 2, 3, …", nameof(migrations));
            }
        }

        Name = name;
        Migrations = migrations;
    }

    /// <summary>The component's key in <c>chitin_schema</c> and its name in messages ("memory", "sessions").</summary>
    public string Name { get; }

    public IReadOnlyList<SchemaMigration> Migrations { get; }

    public int LatestVersion => Migrations[^1].Version;
}
