namespace Chitin.Channels.Abstractions;

/// <summary>
/// A chat front end (Telegram, webhook). It receives messages (polling, or a handler the host maps to a route), runs
/// them through <see cref="Delivery.ChannelDelivery"/> and sends replies to the same conversation. Start and stop
/// are the host's; nothing here needs ASP.NET Core.
/// </summary>
public interface IChannel : IAsyncDisposable
{
    /// <summary>"telegram", "webhook:&lt;name&gt;"'s channel part "webhook".</summary>
    string Name { get; }

    ChannelCapabilities Capabilities { get; }

    /// <summary>Starts receiving and answers what was left unanswered by an earlier run.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops receiving; running turns are cancelled and stay stored, to be answered after the next start.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="text"/> to a conversation, split to the channel's limit, with retries.</summary>
    Task SendAsync(ChannelAddress address, string text, CancellationToken cancellationToken);
}
