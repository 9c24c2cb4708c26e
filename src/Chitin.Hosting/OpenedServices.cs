namespace Chitin.Hosting;

/// <summary>What <see cref="ChitinHost.StartAsync"/> opened (in parallel) before the container is composed.</summary>
public sealed record OpenedServices(SqliteChitinStore Store, ToolRegistry Tools, ChatClientCache Clients, MemoryServices? Memory, SkillServices? Skills);
