namespace Chitin.Providers.Diagnostics;

/// <summary>What <see cref="ProviderProbe"/> found out about a provider.</summary>
/// <param name="Reachable">An HTTP answer came back (whatever its status).</param>
/// <param name="Succeeded">The server answered the model listing with success: reachable and the key accepted.</param>
/// <param name="StatusCode">The HTTP status, when there was an answer.</param>
/// <param name="Latency">Time to the response headers (or to the failure).</param>
/// <param name="Message">One actionable sentence for <c>chitin doctor</c>; never contains the key.</param>
/// <param name="ModelListed">Whether the configured model is in the server's list; null when the list could not be read.</param>
public sealed record ProviderProbeResult(
    bool Reachable,
    bool Succeeded,
    int? StatusCode,
    TimeSpan Latency,
    string Message,
    bool? ModelListed = null);
