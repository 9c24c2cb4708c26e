namespace Chitin.Channels.Delivery;

/// <summary>Outbound sends retry transient failures with exponential backoff and jitter.</summary>
public static class OutboundRetry
{
    /// <summary>A pipeline that retries <paramref name="attempts"/> times after failures <paramref name="isTransient"/> accepts.</summary>
    public static ResiliencePipeline Create(int attempts, TimeSpan firstDelay, Func<Exception, bool> isTransient, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(isTransient);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = attempts,
                Delay = firstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(isTransient),
            })
            .Build();
    }
}
