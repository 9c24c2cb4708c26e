namespace Chitin.Testing.Server;

/// <summary>Response plumbing shared by every endpoint: complete JSON bodies, error bodies, event-stream headers.</summary>
internal static class HttpResponses
{
    public static byte[] Serialize<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            write(json, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static Task WriteJsonAsync(HttpResponse response, int status, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, cancellationToken).AsTask();
    }

    public static Task WriteErrorAsync(HttpContext context, WireDialect dialect, int status, string message, string requestId) =>
        WriteJsonAsync(
            context.Response,
            status,
            Serialize((dialect, status, message, requestId), static (json, state) => state.dialect.WriteError(json, state.status, state.message, state.requestId)),
            context.RequestAborted);

    public static void SetEventStreamHeaders(HttpResponse response)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
    }

}
