namespace Chitin.Gateway.Hosting;

/// <summary>
/// <c>chitin-gateway [--port N] [--bind ADDR]</c>: runs the gateway in the foreground until SIGINT/SIGTERM, then
/// shuts down gracefully. Exit codes: 0 stopped cleanly, 2 bad arguments or configuration, 1 failed to start.
/// </summary>
public static class GatewayProgram
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? port = null;
        string? bind = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65_535:
                    port = p;
                    i++;
                    break;
                case "--bind" when i + 1 < args.Length:
                    bind = args[++i];
                    break;
                case "-h" or "--help":
                    await Console.Out.WriteLineAsync("usage: chitin gateway [--port N] [--bind ADDR]\n  Runs the gateway in the foreground (OpenAI-compatible API, REST API) until Ctrl-C.");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"error: unknown or incomplete argument '{args[i]}'. usage: chitin gateway [--port N] [--bind ADDR]");
                    return UsageError;
            }
        }

        var environment = ChildEnvironment.CurrentProcess();
        var logFile = GatewayLogFile.PathUnder(ChitinPaths.Resolve(new HostContext { Environment = environment, WorkingDirectory = Environment.CurrentDirectory }).Home);
        using var logging = new RedactingLoggerProvider(
            new TeeLoggerProvider(
                new ConsoleLoggerProvider(new StaticOptions<ConsoleLoggerOptions>(new ConsoleLoggerOptions { LogToStandardErrorThreshold = LogLevel.Trace })),
                GatewayLogFile.Open(logFile)),
            new SecretRedactor(SecretRedactor.ExactSecretsFrom(new Dictionary<string, string>(environment, StringComparer.Ordinal))));

        // The host's own clients (providers, the OpenAI SDK, MCP transports) log to the same sinks, warnings and up;
        // the gateway's own lines (start, stop) at information.
        var filter = new LoggerFilterOptions { MinLevel = LogLevel.Warning };
        filter.Rules.Add(new LoggerFilterRule(null, "chitin.gateway", LogLevel.Information, null));
        using var hostLogging = new LoggerFactory([logging], filter);
        var context = new HostContext { Environment = environment, WorkingDirectory = Environment.CurrentDirectory, LoggerFactory = hostLogging };
        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        RunningGateway gateway;
        try
        {
            gateway = await GatewayApp.StartAsync(new GatewayLaunch { Context = context, Port = port, Bind = bind, Warn = Warn, Logging = logging }, stopping.Token);
        }
        catch (ConfigException ex)
        {
            foreach (var line in ex.Issues.Count > 0 ? ex.Issues.Select(i => i.Format("error")) : [ex.Message])
            {
                await Console.Error.WriteLineAsync(line);
            }

            return UsageError;
        }
        catch (GatewayStartException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return UsageError;
        }

        await using (gateway)
        {
            var auth = gateway.Token is null ? "auth: none (loopback only)" : "auth: bearer token in " + Chitin.Hosting.Gateway.GatewayToken.PathFor(ChitinPaths.Resolve(context));
            await Console.Error.WriteLineAsync($"chitin gateway listening on {gateway.Address} ({auth}); log in {logFile}; Ctrl-C stops it");
            var log = hostLogging.CreateLogger("chitin.gateway");
            log.LogInformation("gateway started: listening on {Address}, {Auth}, pid {Pid}", gateway.Address, auth, Environment.ProcessId);
            _ = StartupTrim.RunAsync(stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("chitin gateway: stopping (running turns get the grace period to finish)");
            }
        }

        hostLogging.CreateLogger("chitin.gateway").LogInformation("gateway stopped, pid {Pid}", Environment.ProcessId);

        return 0;

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }

        static void Warn(string message) => Console.Error.WriteLine("warning: " + message);
    }
}
