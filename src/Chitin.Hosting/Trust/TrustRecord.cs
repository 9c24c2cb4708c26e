namespace Chitin.Hosting.Trust;

/// <summary>One trusted folder in trust.json.</summary>
/// <param name="Path">The folder's real path (symbolic links resolved).</param>
/// <param name="ConfigSha256">SHA-256 (hex) of its .chitin/config.json when it was trusted; null when it had none.</param>
/// <param name="TrustedAt">When the user trusted it.</param>
public sealed record TrustRecord(string Path, string? ConfigSha256, DateTimeOffset TrustedAt);
