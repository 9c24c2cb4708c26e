namespace Chitin.Hosting.Gateway;

/// <summary>
/// Something /api/cron or /api/channels lists (cron jobs, channels). Features register one per kind in the gateway's
/// container; with none registered the endpoint answers an empty list. The web UI reads the same listings.
/// </summary>
public interface IGatewayListing
{
    /// <summary>"cron" or "channels".</summary>
    string Kind { get; }

    /// <summary>The entries, each as flat name/value pairs.</summary>
    Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ListAsync(CancellationToken cancellationToken);
}
