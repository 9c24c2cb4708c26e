namespace Chitin.Cli.Hosting;

/// <summary>
/// Everything a command may touch of the outside world: streams, environment variables, working directory,
/// terminal facts and interrupts. Commands never read <see cref="System.Console"/> or
/// <see cref="System.Environment"/> directly, so tests run them in-process and in parallel.
/// </summary>
public sealed class CliContext : IHostContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The task's workspace.</summary>
    public required string WorkingDirectory { get; init; }

    public bool IsOutputTerminal { get; init; }

    public bool IsErrorTerminal { get; init; }

    public bool IsInputTerminal { get; init; }

    public InterruptSource Interrupts { get; init; } = new();

    /// <summary>The raw standard input, for protocols that speak bytes (chitin mcp serve).</summary>
    public Func<Stream> OpenStandardInput { get; init; } = static () => Stream.Null;

    /// <summary>The raw standard output, for protocols that speak bytes (chitin mcp serve).</summary>
    public Func<Stream> OpenStandardOutput { get; init; } = static () => Stream.Null;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The diagnostic log (provider retries, MCP transports, the SDKs' own logs): lines on <see cref="Error"/>,
    /// errors only unless <c>CHITIN_LOG_LEVEL</c> asks for more, secrets of this environment redacted.
    /// </summary>
    public ILoggerFactory LoggerFactory => _loggerFactory ??= CreateLoggerFactory();

    private LineLoggerFactory? _loggerFactory;

    /// <summary>True when CI=true/1 or TERM=dumb: no colours, no live displays.</summary>
    public bool IsPlainEnvironment =>
        GetEnvironment("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1")
        || string.Equals(GetEnvironment("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>Rich (Spectre) output on stderr: a terminal outside CI.</summary>
    public bool UseRichError => IsErrorTerminal && !IsPlainEnvironment;

    /// <summary>Rich (Spectre) output on stdout: a terminal outside CI.</summary>
    public bool UseRichOutput => IsOutputTerminal && !IsPlainEnvironment;

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? GetEnvironment(string name) =>
        Environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private LineLoggerFactory CreateLoggerFactory()
    {
        LogLevel level;
        try
        {
            level = LogLevelSetting.Read(this, LogLevel.Error);
        }
        catch (ArgumentException ex)
        {
            Error.WriteLine("warning: " + ex.Message + " Logging warnings and errors.");
            level = LogLevel.Warning;
        }

        return new LineLoggerFactory(Error, level, () => new SecretRedactor(SecretRedactor.ExactSecretsFrom(new Dictionary<string, string>(Environment, StringComparer.Ordinal))));
    }

    /// <summary>The real process: console streams, process environment, current directory.</summary>
    public static CliContext FromProcess(InterruptSource interrupts)
    {
        return new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            Environment = Core.Processes.ChildEnvironment.CurrentProcess(),
            WorkingDirectory = Directory.GetCurrentDirectory(),
            IsOutputTerminal = !Console.IsOutputRedirected,
            IsErrorTerminal = !Console.IsErrorRedirected,
            IsInputTerminal = !Console.IsInputRedirected,
            Interrupts = interrupts,
            OpenStandardInput = Console.OpenStandardInput,
            OpenStandardOutput = Console.OpenStandardOutput,
        };
    }
}
