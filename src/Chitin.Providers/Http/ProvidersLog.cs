namespace Chitin.Providers.Http;

internal static partial class ProvidersLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Model request to {Url} failed ({Reason}); retry {Attempt} of {MaxRetries} in {DelayMs:0} ms")]
    public static partial void Retrying(ILogger logger, string url, string reason, int attempt, int maxRetries, double delayMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Model '{Model}' failed ({Reason}); falling back to '{NextModel}'")]
    public static partial void FallingBack(ILogger logger, string model, string reason, string nextModel);
}
