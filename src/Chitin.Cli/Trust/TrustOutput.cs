namespace Chitin.Cli.Trust;

/// <summary>What <c>chitin trust --json</c> prints for one folder.</summary>
/// <param name="Status">trusted, trusted_by_policy, revoked, not_trusted, changed (listed records whose config changed), missing (folder gone).</param>
/// <param name="Applies">Settings of the project config that apply only with trust (hooks, MCP servers, allow rules …).</param>
public sealed record TrustOutput(string Status, string Path, string? ConfigSha256, DateTimeOffset? TrustedAt, IReadOnlyList<string> Applies);
