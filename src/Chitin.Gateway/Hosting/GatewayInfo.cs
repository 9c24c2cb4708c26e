namespace Chitin.Gateway.Hosting;

/// <summary>What /api/status reports about this gateway process.</summary>
public sealed record GatewayInfo(string Bind, int Port, bool AuthRequired, string Workspace, string Model, DateTimeOffset StartedAt);
