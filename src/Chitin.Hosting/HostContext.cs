namespace Chitin.Hosting;

/// <summary>A host context given as values: what a gateway or a test builds a host from.</summary>
public sealed class HostContext : IHostContext
{
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
