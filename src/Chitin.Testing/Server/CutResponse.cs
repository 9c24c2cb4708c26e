namespace Chitin.Testing.Server;

/// <summary>Writes the answer of a CutStreamAfter fault: the start of a response whose end never comes.</summary>
internal static class CutResponse
{
    /// <summary>
    /// Announces the whole answer's length but sends only its first <paramref name="events"/> events (half the body
    /// when not streaming, never the terminal event), then ends the response: Kestrel closes the connection after
    /// the bytes already sent, so the client reads them and then finds the body ended prematurely. With 0 the
    /// connection is dropped before any response.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, WireDialect dialect, ParsedChatRequest parsed, ChatAnswer answer, int events)
    {
        if (events == 0)
        {
            context.Abort();
            return;
        }

        var response = context.Response;
        byte[] body;
        long cutAt;
        if (parsed.Request.Stream)
        {
            using var buffer = new MemoryStream();
            var pipe = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
            using (var stream = new SseStream(pipe, context.RequestAborted))
            {
                await dialect.WriteStreamAsync(stream, answer, parsed);
                cutAt = stream.EventEnds[Math.Min(events, stream.EventEnds.Count - 1) - 1];
            }

            await pipe.CompleteAsync();
            body = buffer.ToArray();
            HttpResponses.SetEventStreamHeaders(response);
        }
        else
        {
            body = HttpResponses.Serialize((dialect, answer), static (json, state) => state.dialect.WriteCompletion(json, state.answer));
            cutAt = body.Length / 2;
            response.StatusCode = 200;
            response.ContentType = "application/json";
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.AsMemory(0, (int)cutAt), context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
    }
}
