namespace Chitin.Cli.Gateway;

/// <summary>
/// <c>chitin gateway [--port N] [--bind ADDR]</c>: runs the gateway (chitin-gateway) in the foreground as a child
/// with the same stdio, environment and folder; SIGINT/SIGTERM are forwarded and its exit code is returned.
/// </summary>
public static class GatewayCommand
{
    private const string Description =
        """
        Run the always-on gateway in the foreground: an OpenAI-compatible API (/v1/chat/completions, /v1/models)
        and a REST API (/api/sessions, /api/runs/{id}, /api/usage), sessions hosted on Orleans grains.
        Auth is on: clients send the token from CHITIN_HOME/gateway/token as 'Authorization: Bearer'.
        The default bind is 127.0.0.1; gateway.auth "none" is refused on any other address.

        Examples:
          chitin gateway
          chitin gateway --port 8080
          chitin gateway status --json
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var port = new Option<int?>("--port") { Description = "TCP port (default: gateway.port, else 7420).", HelpName = "N" };
        port.Validators.Add(r =>
        {
            if (r.GetValue(port) is { } p && p is < 0 or > 65_535)
            {
                r.AddError("--port must be from 0 to 65535");
            }
        });
        var bind = new Option<string?>("--bind") { Description = "Address to listen on (default: gateway.bind, else 127.0.0.1).", HelpName = "ADDR" };
        var command = new Command("gateway", Description) { port, bind, GatewayStatusCommand.Create(runtime) };
        command.SetAction((parse, ct) => RunAsync(runtime, parse.GetValue(port), parse.GetValue(bind), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandRuntime runtime, int? port, string? bind, CancellationToken cancellationToken)
    {
        var start = GatewayExecutable.StartInfo(runtime.Context.GetEnvironment(GatewayExecutable.PathVariable), AppContext.BaseDirectory, out var error);
        if (start is null)
        {
            return runtime.Fail(ExitCodes.UsageError, error);
        }

        if (port is { } p)
        {
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(p.ToString(CultureInfo.InvariantCulture));
        }

        if (bind is not null)
        {
            start.ArgumentList.Add("--bind");
            start.ArgumentList.Add(bind);
        }

        start.WorkingDirectory = runtime.Context.WorkingDirectory;
        start.Environment.Clear();
        foreach (var (name, value) in runtime.Context.Environment)
        {
            start.Environment[name] = value;
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("chitin-gateway did not start.");
        using var interrupts = runtime.LinkInterrupts(cancellationToken);
        using (interrupts.Token.Register(() => ProcessGroup.Terminate(child.Id)))
        {
            // The gateway shuts down gracefully on SIGTERM; its exit code is ours.
            await child.WaitForExitAsync(CancellationToken.None);
        }

        return child.ExitCode;
    }
}
