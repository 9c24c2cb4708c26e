namespace Chitin.Hosting.Trust;

/// <summary>The content of $CHITIN_HOME/trust.json.</summary>
public sealed record TrustDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public IReadOnlyList<TrustRecord> Folders { get; init; } = [];
}
