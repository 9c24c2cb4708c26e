namespace Chitin.Hosting.Logging;

/// <summary>One sink made of several (a long-running host logs to its console and to its log file).</summary>
public sealed class TeeLoggerProvider : ILoggerProvider
{
    private readonly ILoggerProvider[] _sinks;

    public TeeLoggerProvider(params ILoggerProvider[] sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = sinks;
    }

    public ILogger CreateLogger(string categoryName) => new TeeLogger([.. _sinks.Select(s => s.CreateLogger(categoryName))]);

    public void Dispose()
    {
        foreach (var sink in _sinks)
        {
            sink.Dispose();
        }
    }

    private sealed class TeeLogger(ILogger[] loggers) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => loggers.Any(l => l.IsEnabled(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            foreach (var logger in loggers)
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
