namespace Chitin.Gateway.Features;

/// <summary>/api/channels: the running channels and what they can do.</summary>
internal sealed class ChannelsListing(GatewayFeatures features) : IGatewayListing
{
    public string Kind => "channels";

    public Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows = [.. (features.Channels?.All ?? []).Select(channel =>
            (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["name"] = channel.Name,
                ["threads"] = channel.Capabilities.Threads ? "true" : "false",
                ["edits"] = channel.Capabilities.Edits ? "true" : "false",
                ["typing"] = channel.Capabilities.Typing ? "true" : "false",
                ["max_message_length"] = channel.Capabilities.MaxMessageLength.ToString(CultureInfo.InvariantCulture),
            })];
        return Task.FromResult(rows);
    }
}
