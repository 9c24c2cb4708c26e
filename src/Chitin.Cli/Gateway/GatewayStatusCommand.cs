namespace Chitin.Cli.Gateway;

/// <summary>
/// <c>chitin gateway status [--json]</c>: asks the configured gateway's /healthz, then /api/status with the token.
/// Exit code 0 when it runs, 1 when it does not answer.
/// </summary>
public static class GatewayStatusCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var port = new Option<int?>("--port") { Description = "Port to ask (default: gateway.port, else 7420).", HelpName = "N" };
        var json = CommonOptions.Json("the status");
        var command = new Command("status", "Show whether the gateway runs, where, and how many turns are running.") { port, json };
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(port), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, int? portFlag, bool json, CancellationToken cancellationToken)
    {
        if (!runtime.TryLoadConfig(out var config, out var failed))
        {
            return failed;
        }

        var settings = config.Gateway;
        var port = portFlag ?? settings.Port;
        var host = IPAddress.TryParse(settings.BindAddress, out var bind) && !bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any)
            ? bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bind}]" : bind.ToString()
            : "127.0.0.1";
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/"));
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var tokenFile = GatewayToken.PathFor(config.Paths);
        if (File.Exists(tokenFile))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(tokenFile).Trim());
        }

        string? status = null;
        string? problem = null;
        try
        {
            using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
            if (health.IsSuccessStatusCode)
            {
                using var answer = await http.GetAsync(new Uri("api/status", UriKind.Relative), cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    status = await answer.Content.ReadAsStringAsync(cancellationToken);
                }
                else
                {
                    problem = $"it answers /healthz but refused /api/status ({(int)answer.StatusCode}); is {tokenFile} the token of this gateway?";
                }
            }
            else
            {
                problem = $"/healthz answered {(int)health.StatusCode}";
            }
        }
        catch (HttpRequestException ex)
        {
            problem = "nothing answers: " + ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = "no answer within 5 s";
        }

        var running = problem is null;
        if (json)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteBoolean("running", running);
                w.WriteString("url", url.ToString());
                if (status is not null)
                {
                    w.WritePropertyName("status");
                    using var document = JsonDocument.Parse(status);
                    document.RootElement.WriteTo(w);
                }

                if (problem is not null)
                {
                    w.WriteString("error", problem);
                }

                w.WriteEndObject();
            }

            runtime.Context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return running ? ExitCodes.Ok : ExitCodes.TaskFailed;
        }

        if (!running)
        {
            runtime.Context.Out.WriteLine($"gateway: not running at {url} ({problem})");
            return ExitCodes.TaskFailed;
        }

        using var parsed = JsonDocument.Parse(status!);
        var root = parsed.RootElement;
        runtime.Context.Out.WriteLine($"gateway: running at {url}");
        foreach (var name in new[] { "pid", "auth", "model", "workspace", "uptime_seconds", "running_turns" })
        {
            if (root.TryGetProperty(name, out var value))
            {
                runtime.Context.Out.WriteLine($"  {name.Replace('_', ' ')}: {value}");
            }
        }

        return ExitCodes.Ok;
    }
}
