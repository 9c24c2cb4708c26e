namespace Chitin.Channels;

/// <summary>
/// <see cref="IOutboundMessenger"/> over the started channels: "telegram:&lt;chat id&gt;[:&lt;thread id&gt;]" and
/// "webhook:&lt;name&gt;" targets (cron's --deliver, heartbeat reports). Sends retry with backoff inside each channel.
/// </summary>
public sealed class ChannelMessenger : IOutboundMessenger
{
    private readonly IReadOnlyList<IChannel> _channels;

    public ChannelMessenger(IEnumerable<IChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = [.. channels];
    }

    public bool CanDeliver(string target) => Resolve(target) is not null;

    public Task DeliverAsync(string target, string text, CancellationToken cancellationToken)
    {
        var (channel, address) = Resolve(target)
            ?? throw new ArgumentException($"No channel delivers to '{target}'. Use telegram:<chat id>[:<thread id>] or webhook:<name> for a configured channel.", nameof(target));
        return channel.SendAsync(address, text, cancellationToken);
    }

    private (IChannel, ChannelAddress)? Resolve(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var channel in _channels)
        {
            var address = ChannelAddress.TryParseTarget(channel.Name, target);
            if (address is null)
            {
                continue;
            }

            if (channel is TelegramChannel && !long.TryParse(address.ChatId, out _))
            {
                continue;
            }

            if (channel is WebhookChannel webhook && !string.Equals(webhook.WebhookName, address.ChatId, StringComparison.Ordinal))
            {
                continue;
            }

            return (channel, address);
        }

        return null;
    }
}
