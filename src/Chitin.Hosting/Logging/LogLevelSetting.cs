namespace Chitin.Hosting.Logging;

/// <summary>The minimum level of Chitin's diagnostic log, from <c>CHITIN_LOG_LEVEL</c>.</summary>
public static class LogLevelSetting
{
    public const string Variable = "CHITIN_LOG_LEVEL";

    /// <summary>The level <paramref name="context"/>'s environment names, or <paramref name="fallback"/> when it names none.</summary>
    /// <exception cref="ArgumentException">The variable holds something other than a level name.</exception>
    public static LogLevel Read(IHostContext context, LogLevel fallback)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEnvironment(Variable) is { } text ? Parse(text) : fallback;
    }

    public static LogLevel Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "none" or "off" => LogLevel.None,
        _ => throw new ArgumentException($"{Variable}='{text}' is not a log level; use trace, debug, information, warning, error, critical or none."),
    };
}
