using Microsoft.Extensions.Logging;

namespace Chitin.Gateway.Hosting;

/// <summary>
/// Passes log entries on to another provider except a few known, harmless ones. Orleans warns at every start that
/// the silo does not run with ServerGC (event 100405 of Orleans.Runtime.Silo); the gateway chooses workstation GC on
/// purpose (a small resident set while idle), so that warning is noise.
/// </summary>
internal sealed class QuietLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public const string SiloCategory = "Orleans.Runtime.Silo";
    public const int ServerGcWarning = 100405;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == SiloCategory ? new Filtered(logger) : logger;
    }

    public void Dispose()
    {
        // The inner provider belongs to the caller.
    }

    private sealed class Filtered(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != ServerGcWarning)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
