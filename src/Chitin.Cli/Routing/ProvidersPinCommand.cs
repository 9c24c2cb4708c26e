namespace Chitin.Cli.Routing;

/// <summary><c>chitin providers pin &lt;session&gt; &lt;endpoint&gt;</c>: the router sends that session's calls there first, across restarts.</summary>
public static class ProvidersPinCommand
{
    public static Command Create(CommandRuntime runtime)
    {
        var session = new Argument<string>("session") { Description = "The session id." };
        var endpoint = new Argument<string>("endpoint") { Description = "The endpoint to pin it to." };
        var json = CommonOptions.Json("the pin");
        var pin = new Command("pin", "Pin a session to an endpoint: its calls go there while it can take them (it still fails over when it cannot).")
        {
            session, endpoint, json,
        };
        pin.SetAction((parse, ct) => PinAsync(runtime, parse.GetValue(session)!, parse.GetValue(endpoint)!, parse.GetValue(json), ct));
        return pin;
    }

    private static async Task<int> PinAsync(CommandRuntime runtime, string session, string endpoint, bool json, CancellationToken ct)
    {
        if (ProvidersCommand.Endpoints(runtime, out IReadOnlyList<EndpointSettings> endpoints) is { } failed)
        {
            return failed;
        }

        if (string.IsNullOrWhiteSpace(session))
        {
            return runtime.Fail(ExitCodes.UsageError, "the session id must not be blank");
        }

        EndpointSettings? chosen = endpoints.FirstOrDefault(e => string.Equals(e.Name, endpoint, StringComparison.OrdinalIgnoreCase));
        if (chosen is null)
        {
            return runtime.Fail(ExitCodes.UsageError, $"no endpoint '{endpoint}'; configured: {string.Join(", ", endpoints.Select(e => e.Name))}");
        }

        try
        {
            await SqliteProviderEvaluationStore.Open(runtime.Paths.DatabaseFile).PinAsync(session.Trim(), chosen.Name, ct);
        }
        catch (DatabaseException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }

        return runtime.Print(json, new PinOutput(session.Trim(), chosen.Name), RoutingJsonContext.Default.PinOutput, $"session {session.Trim()} pinned to {chosen.Name}");
    }
}
