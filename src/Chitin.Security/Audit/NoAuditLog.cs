namespace Chitin.Security.Audit;

/// <summary>Records nothing: for embedders that keep no audit trail.</summary>
public sealed class NoAuditLog : IAuditLog
{
    public static NoAuditLog Instance { get; } = new();

    public void Append(AuditEntry entry)
    {
    }
}
