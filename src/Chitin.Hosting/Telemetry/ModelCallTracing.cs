namespace Chitin.Hosting.Telemetry;

/// <summary>
/// MEAI's OpenTelemetry middleware under Chitin's source: each model call a GenAI "chat" span with token usage and
/// duration metrics, never message content. Kept apart from <see cref="TelemetryExport"/> so wrapping a client does
/// not load the OpenTelemetry SDK.
/// </summary>
public static class ModelCallTracing
{
    public static IChatClient Trace(IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new OpenTelemetryChatClient(client, logger: null, sourceName: AgentTelemetry.SourceName) { EnableSensitiveData = false };
    }
}
