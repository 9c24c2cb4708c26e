namespace Chitin.Platform.Sqlite;

/// <summary>One step of a component's schema history. Never edit one that has shipped; append a new one.</summary>
public sealed record SchemaMigration(int Version, string Description, string Sql);
