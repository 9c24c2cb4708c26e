namespace Chitin.Hosting.Telemetry;

/// <summary>
/// Sends Chitin's traces and metrics (<see cref="AgentTelemetry"/> and the model-call spans of MEAI's OpenTelemetry
/// middleware) to an OTLP/HTTP collector. Made only when telemetry is configured, so the OpenTelemetry SDK is not
/// even loaded otherwise; disposing it flushes what is buffered (a one-shot CLI run exports before it exits).
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private TelemetryExport(TracerProvider traces, MeterProvider metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    public static TelemetryExport Start(Uri endpoint, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var resource = ResourceBuilder.CreateEmpty().AddService(serviceName, serviceVersion: typeof(TelemetryExport).Assembly.GetName().Version?.ToString());
        var traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(AgentTelemetry.SourceName)
            .AddOtlpExporter(o => Configure(o, new Uri(endpoint, "v1/traces")))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(AgentTelemetry.SourceName)
            .AddOtlpExporter(o => Configure(o, new Uri(endpoint, "v1/metrics")))
            .Build();
        return new TelemetryExport(traces, metrics);
    }

    public void Dispose()
    {
        _traces.ForceFlush(5_000);
        _metrics.ForceFlush(5_000);
        _traces.Dispose();
        _metrics.Dispose();
    }

    private static void Configure(OtlpExporterOptions options, Uri endpoint)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = endpoint;
    }
}
