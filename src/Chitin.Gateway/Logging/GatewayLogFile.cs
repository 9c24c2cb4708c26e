using Serilog;
using Serilog.Extensions.Logging;

namespace Chitin.Gateway.Logging;

/// <summary>
/// The gateway's log file, <c>$CHITIN_HOME/logs/gateway.log</c>: one file a day, the last 14 kept, each capped at
/// 20 MB, the folder owner-only. Serilog's file sink does the rolling; the gateway redacts before it writes.
/// </summary>
public static class GatewayLogFile
{
    public static string PathUnder(string chitinHome) => Path.Combine(chitinHome, "logs", "gateway.log");

    public static ILoggerProvider Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var logger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(
                path,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {SourceContext}: {Message:l}{NewLine}",
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 20 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                flushToDiskInterval: TimeSpan.FromSeconds(1))
            .CreateLogger();
        return new SerilogLoggerProvider(logger, dispose: true);
    }
}
