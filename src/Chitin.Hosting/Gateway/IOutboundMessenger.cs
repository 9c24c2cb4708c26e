namespace Chitin.Hosting.Gateway;

/// <summary>
/// Sends text to a delivery target such as "telegram:&lt;chat id&gt;" or "webhook:&lt;name&gt;" (cron's <c>--deliver</c>,
/// heartbeat reports). Implemented by the channels; sends retry with backoff.
/// </summary>
public interface IOutboundMessenger
{
    /// <summary>True when some channel handles targets of this form.</summary>
    bool CanDeliver(string target);

    Task DeliverAsync(string target, string text, CancellationToken cancellationToken);
}
