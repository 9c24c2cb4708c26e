namespace Chitin.Hosting;

/// <summary>
/// What a host reads of the outside world while it is built: environment variables, the workspace and the clock.
/// A host never reads <see cref="System.Environment"/> directly, so tests build hosts in-process and in parallel.
/// </summary>
public interface IHostContext
{
    IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The task's workspace.</summary>
    string WorkingDirectory { get; }

    TimeProvider Time { get; }

    /// <summary>Where the host's diagnostic log goes (the provider SDKs' and MCP transports' logs included).</summary>
    ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    string? GetEnvironment(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
