namespace Chitin.Security.Audit;

/// <summary>Where permission decisions are recorded. Implementations are thread-safe and durable per entry.</summary>
public interface IAuditLog
{
    /// <exception cref="IOException">The entry could not be written (the engine then refuses the call).</exception>
    void Append(AuditEntry entry);
}
