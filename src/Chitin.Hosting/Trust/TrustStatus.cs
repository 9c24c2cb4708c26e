namespace Chitin.Hosting.Trust;

/// <summary>Whether the workspace's project config may loosen anything.</summary>
public enum TrustStatus
{
    /// <summary>The user trusted this folder with its current project config.</summary>
    Trusted,

    /// <summary>The managed policy lists this folder (or a parent) in trust.trustedPaths.</summary>
    TrustedByPolicy,

    /// <summary>Nobody trusted this folder.</summary>
    Untrusted,

    /// <summary>The user trusted this folder, but its project config changed since.</summary>
    Changed,

    /// <summary>The managed policy forbids trusting folders (trust.allowTrust: false) and does not list this one.</summary>
    Forbidden,
}
