using Microsoft.Net.Http.Headers;

namespace Chitin.WebUi.Sessions;

/// <summary>
/// <c>GET /sessions/{id}/export.jsonl</c> and <c>/export.md</c>: a transcript as a download, written by the same
/// exporters as <c>chitin sessions export</c>.
/// </summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/sessions/{id}/export.jsonl", (HttpContext context, string id) => ExportAsync(context, id, "jsonl", "application/x-ndjson"));
        routes.MapGet("/sessions/{id}/export.md", (HttpContext context, string id) => ExportAsync(context, id, "md", "text/markdown"));
    }

    private static async Task ExportAsync(HttpContext context, string id, string format, string mediaType)
    {
        var ct = context.RequestAborted;
        var store = context.RequestServices.GetRequiredService<ISessionStore>();
        var session = ChatKeys.IsValidName(id) ? await store.GetSessionAsync(id, ct) : null;
        if (session is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"No session '{id}'.", ct);
            return;
        }

        var messages = await store.LoadMessagesAsync(id, ct);
        var exporter = TranscriptExporters.Create(format);
        context.Response.ContentType = mediaType + "; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(id + exporter.Extension);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await exporter.WriteAsync(session, messages, writer, ct);
    }
}
