namespace Chitin.WebUi.Hosting;

/// <summary>Endpoint metadata: this endpoint belongs to the web UI (it gets the security headers).</summary>
internal sealed class WebUiMarker
{
    public static readonly WebUiMarker Instance = new();
}
