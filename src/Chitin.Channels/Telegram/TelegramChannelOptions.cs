namespace Chitin.Channels.Telegram;

/// <summary>Run-time knobs of a <see cref="TelegramChannel"/> that are not configuration (tests shorten them).</summary>
public sealed record TelegramChannelOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long one getUpdates call waits for updates.</summary>
    public int PollTimeoutSeconds { get; init; } = 25;

    /// <summary>How long the poller lease lasts after each renewal; renewed on every poll.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Who holds the lease, shown to a second poller; host and process id by default.</summary>
    public string LeaseHolder { get; init; } = Leases.SingletonLease.LocalHolder;

    /// <summary>First delay of the send retries and of the poll loop after an error; doubled each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A client for the Bot API calls; one is made when null.</summary>
    public HttpClient? HttpClient { get; init; }

    public Action<string> Warn { get; init; } = static _ => { };
}
