namespace Chitin.Gateway.Hosting;

/// <summary>
/// Passes log entries on to another provider except a few known, harmless ones. Orleans warns at every start that
/// the silo does not run with ServerGC (event 100405 of Orleans.Runtime.Silo); the gateway chooses workstation GC on
/// purpose (a small resident set while idle), so that warning is noise. Its watchdog also reports, once at start, a
/// participant that "has not completed" for longer than this process has run (it counts from the machine's boot, not
/// from the check's start); only a report longer than the process's own age is dropped, real stalls still show.
/// </summary>
internal sealed class QuietLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public const string SiloCategory = "Orleans.Runtime.Silo";
    public const int ServerGcWarning = 100405;
    public const string WatchdogCategory = "Orleans.Runtime.Watchdog";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName is SiloCategory or WatchdogCategory ? new Filtered(logger) : logger;
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
            if (eventId.Id != ServerGcWarning && !LongerThanThisProcess(state))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }

        private static bool LongerThanThisProcess<TState>(TState state)
        {
            if (state is not IEnumerable<KeyValuePair<string, object?>> values)
            {
                return false;
            }

            var age = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
            return values.Any(v => v.Value is TimeSpan reported && reported > age + TimeSpan.FromMinutes(1));
        }
    }
}
