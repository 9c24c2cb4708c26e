namespace Chitin.Storage.Sqlite;

/// <summary>One step of the schema history: applying <see cref="Sql"/> to version <c>Version - 1</c> yields <see cref="Version"/>.</summary>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
