namespace Chitin.Gateway.Features;

/// <summary>
/// Inbound routes of the channels. They carry their own proof instead of the gateway token: Telegram's secret header,
/// the webhook's HMAC signature (checked by the channel), so the auth front door lets paths under <see cref="Prefix"/> through.
/// </summary>
internal static class ChannelEndpoints
{
    public const string Prefix = "/channels";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/channels/telegram", async (HttpContext context) =>
        {
            var features = context.RequestServices.GetRequiredService<GatewayFeatures>();
            if (features.Channels?.Telegram is not { } telegram)
            {
                return Results.NotFound();
            }

            return ToResult(await telegram.HandleWebhookAsync(Headers(context.Request), await BodyAsync(context.Request), context.RequestAborted));
        });
        app.MapPost("/channels/webhooks/{name}", async (string name, HttpContext context) =>
        {
            var features = context.RequestServices.GetRequiredService<GatewayFeatures>();
            if (features.Channels?.Webhooks.TryGetValue(name, out var webhook) != true)
            {
                return Results.NotFound();
            }

            return ToResult(await webhook!.HandleAsync(Headers(context.Request), await BodyAsync(context.Request), context.RequestAborted));
        });
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static async Task<string> BodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static IResult ToResult(WebhookResult result) => Results.Text(result.Body, "text/plain", statusCode: result.StatusCode);
}
