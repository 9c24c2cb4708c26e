using Chitin.Hosting.Logging;
using Chitin.Security.Redaction;
using Microsoft.Extensions.Logging;

namespace Chitin.Hosting.Tests;

/// <summary>What a host logs passes the secret redactor first, exception text included, through every sink.</summary>
public sealed class RedactingLoggerTests
{
    private const string Key = "sk-ant-api03-redactme0123456789abcdefghijklmnop";

    [Fact]
    public void Messages_and_exceptions_are_redacted_in_every_sink()
    {
        var first = new RecordingProvider();
        var second = new RecordingProvider();
        using var provider = new RedactingLoggerProvider(new TeeLoggerProvider(first, second), new SecretRedactor([new ExactSecret(Key, "test-key")]));
        var logger = provider.CreateLogger("test");

        logger.LogWarning("calling with {Key}", Key);
        logger.LogError(new InvalidOperationException("failed with " + Key), "request failed");

        foreach (var sink in new[] { first, second })
        {
            Assert.Equal(2, sink.Lines.Count);
            Assert.All(sink.Lines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
            Assert.Contains("calling with [REDACTED:test-key]", sink.Lines[0], StringComparison.Ordinal);
            Assert.Contains("request failed", sink.Lines[1], StringComparison.Ordinal);
            Assert.Contains("failed with [REDACTED:test-key]", sink.Lines[1], StringComparison.Ordinal);
        }
    }

    private sealed class RecordingProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Recording(Lines);

        public void Dispose()
        {
        }

        private sealed class Recording(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Add(formatter(state, exception) + (exception is null ? "" : " | " + exception.Message));
        }
    }
}
