namespace Chitin.Core.Metering;

/// <summary>Who made a model call and how long it took: everything a usage row needs besides the response.</summary>
public sealed record UsageCall(string SessionId, string Agent, string Provider, string FallbackModel, int Step, double LatencyMs, DateTimeOffset At)
{
    public double? TimeToFirstTokenMs { get; init; }
}
