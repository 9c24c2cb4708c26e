namespace Chitin.Cli.Trust;

/// <summary>What <c>chitin trust --list --json</c> prints.</summary>
/// <param name="AllowTrust">False when the managed policy forbids trusting folders.</param>
/// <param name="ManagedTrustedPaths">Folders the managed policy trusts (subfolders included).</param>
public sealed record TrustListOutput(string TrustFile, bool AllowTrust, IReadOnlyList<string> ManagedTrustedPaths, IReadOnlyList<TrustOutput> Folders);
