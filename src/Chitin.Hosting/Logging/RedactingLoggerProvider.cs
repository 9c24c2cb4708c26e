namespace Chitin.Hosting.Logging;

/// <summary>
/// Wraps a log sink so that every message (and exception text) passes the secret redactor before it is written:
/// what a long-running host logs to a file must never hold a credential.
/// </summary>
public sealed class RedactingLoggerProvider : ILoggerProvider
{
    private readonly ILoggerProvider _inner;
    private readonly ISecretRedactor _redactor;

    public RedactingLoggerProvider(ILoggerProvider inner, ISecretRedactor redactor)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName), _redactor);

    public void Dispose() => _inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, ISecretRedactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            // The exception travels as text inside the message, so its message is redacted too; sinks get no
            // exception object to print unredacted.
            var message = formatter(state, exception);
            var text = redactor.Redact(exception is null ? message : message + Environment.NewLine + exception);
            inner.Log(logLevel, eventId, text, null, static (s, _) => s);
        }
    }
}
