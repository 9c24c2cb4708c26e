namespace Chitin.Hosting.Telemetry;

/// <summary>
/// The "telemetry" config section: OpenTelemetry traces and metrics of runs, model calls, tool calls, tokens and
/// cost, sent over OTLP (HTTP/protobuf). Off unless an endpoint is set here or in OTEL_EXPORTER_OTLP_ENDPOINT.
/// </summary>
/// <param name="OtlpEndpoint">The collector's base URL, e.g. http://127.0.0.1:4318 (traces go to /v1/traces, metrics to /v1/metrics).</param>
/// <param name="ServiceName">The <c>service.name</c> resource attribute.</param>
public sealed record TelemetrySettings(string? OtlpEndpoint, string ServiceName) : IFeatureOptions<TelemetrySettings>
{
    /// <summary>The standard OpenTelemetry variable, used when the config names no endpoint.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TelemetrySettings Default { get; } = new(OtlpEndpoint: null, ServiceName: "chitin");

    public static string Section => "telemetry";

    public static IReadOnlyList<string> Keys { get; } = ["otlpEndpoint", "serviceName"];

    public static string? Check(string key, OptionValue value) => key switch
    {
        "otlpEndpoint" => value.IsHttpUrl ? null : "must be an absolute http(s) URL of an OTLP/HTTP collector, e.g. \"http://127.0.0.1:4318\"",
        "serviceName" => value.IsNonEmptyString ? null : "must be a non-empty string",
        _ => null,
    };

    public static TelemetrySettings Bind(OptionReader read) => new(read.Text("otlpEndpoint"), read.Text("serviceName") ?? Default.ServiceName);

    /// <summary>The collector to send to, from config or else the environment; null when telemetry is off.</summary>
    public Uri? ResolveEndpoint(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = OtlpEndpoint ?? environment(EndpointVariable);
        return text is not null && ConfigSchema.IsHttpUrl(text) ? new Uri(text.TrimEnd('/') + "/", UriKind.Absolute) : null;
    }
}
