namespace Chitin.Hosting.Logging;

/// <summary>
/// The CLI's diagnostic log: one line per entry (<c>warning: Chitin.Providers: …</c>) written synchronously to the
/// command's error writer, with secrets redacted. Hand-written rather than the console logger package because it
/// must write through the command's own writer (commands never touch <see cref="System.Console"/>, so tests run
/// them in-process and in parallel), must not lose lines to a background queue when the process exits, and costs
/// nothing at start-up, where the CLI's cold-start budget is counted in milliseconds.
/// </summary>
public sealed class LineLoggerFactory : ILoggerFactory
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly Lazy<ISecretRedactor> _redactor;
    private readonly Lock _gate = new();

    /// <param name="redactor">Built on the first line written, so a run that logs nothing pays nothing.</param>
    public LineLoggerFactory(TextWriter writer, LogLevel minimum, Func<ISecretRedactor> redactor)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        ArgumentNullException.ThrowIfNull(redactor);
        _minimum = minimum;
        _redactor = new Lazy<ISecretRedactor>(redactor);
    }

    public LogLevel Minimum => _minimum;

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <summary>Other sinks belong to hosts with a full logging builder (the gateway); the CLI has one sink.</summary>
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The CLI's log has one sink, its error stream; set CHITIN_LOG_LEVEL to see more of it.");

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var text = exception is null ? message : message + Environment.NewLine + exception;
        var line = $"{Name(level)}: {category}: {_redactor.Value.Redact(text)}";
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };

    private sealed class LineLogger(LineLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
