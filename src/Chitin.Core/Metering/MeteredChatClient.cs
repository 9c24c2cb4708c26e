namespace Chitin.Core.Metering;

/// <summary>
/// Writes one usage row for every whole response of the inner client, for model calls made outside the agent loop
/// (the memory judge, for one), so that they show in <c>chitin usage</c> and count against budgets like any other call.
/// Streamed calls pass through unmetered: the callers this serves ask for whole responses.
/// </summary>
public sealed class MeteredChatClient : DelegatingChatClient
{
    private readonly IUsageStore _usage;
    private readonly MeteredCallSite _site;
    private readonly TimeProvider _time;

    public MeteredChatClient(IChatClient inner, IUsageStore usage, MeteredCallSite site, TimeProvider? time = null)
        : base(inner)
    {
        _usage = usage ?? throw new ArgumentNullException(nameof(usage));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        _time = time ?? TimeProvider.System;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var call = new UsageCall(_site.SessionId, _site.Agent, _site.Provider, options?.ModelId ?? _site.Model, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, _time.GetUtcNow());

        // The answer is already paid for: a cancelled caller must not lose its row.
        await _usage.RecordUsageAsync(UsageRecords.From(response, call, _site.Prices), CancellationToken.None).ConfigureAwait(false);
        return response;
    }
}
