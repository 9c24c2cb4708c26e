namespace Chitin.Gateway.Api;

/// <summary>The REST API: /api/status, /api/sessions, /api/runs/{id} (GET, cancel), /api/usage, /api/cron, /api/channels.</summary>
public static class RestEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/healthz", static () => Results.Text("ok"));
        routes.MapGet("/api/status", StatusAsync);
        routes.MapGet("/api/sessions", SessionsAsync);
        routes.MapGet("/api/runs/{id}", RunAsync);
        routes.MapPost("/api/runs/{id}/cancel", CancelAsync);
        routes.MapDelete("/api/runs/{id}", CancelAsync);
        routes.MapGet("/api/usage", UsageAsync);
        routes.MapGet("/api/cron", context => ListingAsync(context, "cron", "jobs"));
        routes.MapGet("/api/channels", context => ListingAsync(context, "channels", "channels"));
    }

    private static Task StatusAsync(HttpContext context)
    {
        var info = context.RequestServices.GetRequiredService<GatewayInfo>();
        var executor = context.RequestServices.GetRequiredService<TurnExecutor>();
        return WriteAsync(context, w =>
        {
            w.WriteString("status", "running");
            w.WriteNumber("pid", Environment.ProcessId);
            w.WriteString("bind", info.Bind);
            w.WriteNumber("port", info.Port);
            w.WriteString("auth", info.AuthRequired ? "token" : "none");
            w.WriteString("workspace", info.Workspace);
            w.WriteString("model", info.Model);
            w.WriteString("started_at", info.StartedAt);
            w.WriteNumber("uptime_seconds", Math.Round((DateTimeOffset.UtcNow - info.StartedAt).TotalSeconds));
            w.WriteNumber("running_turns", executor.Active);
        });
    }

    private static async Task SessionsAsync(HttpContext context)
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is > 0 and <= 1000 ? l : 100;
        var list = await context.RequestServices.GetRequiredService<GatewayStore>().ListConversationsAsync(limit, context.RequestAborted);
        await WriteAsync(context, w =>
        {
            w.WriteStartArray("sessions");
            foreach (var c in list)
            {
                w.WriteStartObject();
                w.WriteString("key", c.SessionKey);
                w.WriteString("session_id", c.SessionId);
                w.WriteString("agent", c.Agent);
                w.WriteString("created_at", c.CreatedAt);
                w.WriteString("updated_at", c.UpdatedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static async Task RunAsync(HttpContext context, string id)
    {
        var run = await context.RequestServices.GetRequiredService<GatewayStore>().GetRunAsync(id, context.RequestAborted);
        if (run is null)
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status404NotFound, "run_not_found", $"No run '{id}'.", context.RequestAborted);
            return;
        }

        await WriteAsync(context, w => WriteRun(w, run));
    }

    private static async Task CancelAsync(HttpContext context, string id)
    {
        var ct = context.RequestAborted;
        var store = context.RequestServices.GetRequiredService<GatewayStore>();
        var run = await store.GetRunAsync(id, ct);
        if (run is null)
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status404NotFound, "run_not_found", $"No run '{id}'.", ct);
            return;
        }

        if (run.Status != "running")
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status409Conflict, "run_not_running", $"Run '{id}' is {run.Status}; only a running run can be cancelled.", ct);
            return;
        }

        var stopped = await context.RequestServices.GetRequiredService<OrleansConversationDispatcher>().StopAsync(run.SessionKey, ct);
        await WriteAsync(context, w =>
        {
            w.WriteString("run_id", id);
            w.WriteBoolean("cancelled", stopped);
        });
    }

    private static async Task UsageAsync(HttpContext context)
    {
        var by = context.Request.Query["by"].ToString();
        var grouping = by.Length == 0 ? UsageGrouping.Day : Enum.TryParse<UsageGrouping>(by, ignoreCase: true, out var g) ? g : (UsageGrouping?)null;
        if (grouping is null)
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "invalid_grouping", "by must be day, session, model, agent or endpoint.", context.RequestAborted);
            return;
        }

        DateTimeOffset? since = DateTimeOffset.TryParse(context.Request.Query["since"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : null;
        var rows = await context.RequestServices.GetRequiredService<IUsageStore>().SummarizeAsync(grouping.Value, since, context.RequestAborted);
        await WriteAsync(context, w =>
        {
            w.WritePropertyName("usage");
            JsonSerializer.Serialize(w, rows.ToList(), CoreJsonContext.Default.ListUsageSummary);
        });
    }

    private static async Task ListingAsync(HttpContext context, string kind, string property)
    {
        var entries = new List<IReadOnlyDictionary<string, string?>>();
        foreach (var listing in context.RequestServices.GetServices<IGatewayListing>().Where(l => l.Kind == kind))
        {
            entries.AddRange(await listing.ListAsync(context.RequestAborted));
        }

        await WriteAsync(context, w =>
        {
            w.WriteStartArray(property);
            foreach (var entry in entries)
            {
                w.WriteStartObject();
                foreach (var (name, value) in entry)
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static void WriteRun(Utf8JsonWriter w, GatewayRun run)
    {
        w.WriteString("run_id", run.RunId);
        w.WriteString("session_key", run.SessionKey);
        w.WriteString("session_id", run.SessionId);
        w.WriteString("source", run.Source);
        w.WriteString("status", run.Status);
        w.WriteString("started_at", run.StartedAt);
        if (run.FinishedAt is { } finished)
        {
            w.WriteString("finished_at", finished);
        }

        if (run.Error is { } error)
        {
            w.WriteString("error", error);
        }
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
