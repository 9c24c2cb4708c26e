namespace Chitin.Gateway.Api;

/// <summary>
/// OpenAI-compatible <c>POST /v1/chat/completions</c> (streamed as SSE ending with <c>data: [DONE]</c>, or whole) and
/// <c>GET /v1/models</c>. Agents are the models; "chitin" is the default one. The conversation is chosen by the
/// <c>X-Chitin-Session</c> header or the <c>user</c> field; without either, each request is a new session.
/// </summary>
public static class OpenAiEndpoints
{
    public const string DefaultModel = "chitin";

    public const string SessionHeader = "X-Chitin-Session";

    public const string RunHeader = "X-Chitin-Run";

    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/v1/models", ListModelsAsync);
        routes.MapPost("/v1/chat/completions", CompleteAsync);
    }

    /// <summary>The agent a model id names, or null when it names none.</summary>
    public static string? AgentOf(string model) => model is DefaultModel or "default" ? "default" : null;

    private static async Task ListModelsAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("id", DefaultModel);
            w.WriteString("object", "model");
            w.WriteNumber("created", context.RequestServices.GetRequiredService<GatewayInfo>().StartedAt.ToUnixTimeSeconds());
            w.WriteString("owned_by", "chitin");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static async Task CompleteAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        ChatRequest request;
        try
        {
            request = ChatRequest.Parse(await ReadBodyAsync(context.Request, ct));
        }
        catch (FormatException ex)
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "invalid_request", ex.Message, ct);
            return;
        }

        if (AgentOf(request.Model) is not { } agent)
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status404NotFound, "model_not_found", $"The model '{request.Model}' does not exist; GET /v1/models lists them (\"{DefaultModel}\" is the default agent).", ct);
            return;
        }

        var runId = OrleansConversationDispatcher.NewRunId();
        var chosen = context.Request.Headers[SessionHeader].ToString() is { Length: > 0 } header ? header : request.User;
        var key = "api:" + (chosen ?? runId);
        if (!OrleansConversationDispatcher.IsValidKey(key))
        {
            await ApiErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "invalid_session", $"The session name must be 1 to {OrleansConversationDispatcher.MaxSessionKeyLength - 4} printable characters.", ct);
            return;
        }

        var dispatcher = context.RequestServices.GetRequiredService<OrleansConversationDispatcher>();
        var message = new ConversationMessage { SessionKey = key, Text = request.Prompt, Agent = agent, Source = "api" };
        context.Response.Headers[RunHeader] = runId;
        context.Response.Headers[SessionHeader] = key[4..];
        var id = "chatcmpl-" + runId[4..];
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var events = dispatcher.SendAsync(message, runId, ct);
        if (request.Stream)
        {
            await StreamAsync(context.Response, events, id, created, request, ct);
        }
        else
        {
            await AnswerWholeAsync(context.Response, events, id, created, request.Model, ct);
        }
    }

    /// <summary>"loop_detected" when the loop guard stopped the run (the session is resumable), else "run_failed".</summary>
    private static string ErrorCode(AgentRunResult? result) => result?.Status == RunStatus.LoopDetected ? "loop_detected" : "run_failed";

    private static async Task AnswerWholeAsync(HttpResponse response, IAsyncEnumerable<AgentEvent?> events, string id, long created, string model, CancellationToken ct)
    {
        var answered = false;
        await foreach (var e in events)
        {
            if (e is RunCompleted done && !answered)
            {
                answered = true;
                await AnswerAsync(response, done.Result, id, created, model, ct);
            }
        }

        if (!answered)
        {
            await AnswerAsync(response, null, id, created, model, ct);
        }
    }

    /// <summary>The whole answer, and the response ends with it (the turn's end of stream follows on its own).</summary>
    private static async Task AnswerAsync(HttpResponse response, AgentRunResult? result, string id, long created, string model, CancellationToken ct)
    {
        if (result is null || result.Status is RunStatus.Failed or RunStatus.ProviderError or RunStatus.BudgetExceeded or RunStatus.LoopDetected)
        {
            await ApiErrors.WriteAsync(response, StatusCodes.Status502BadGateway, ErrorCode(result), result?.Error ?? "The run ended without a result.", ct);
        }
        else
        {
            response.ContentType = "application/json";
            var buffer = new ArrayBufferWriter<byte>();
            CompletionJson.WriteCompletion(buffer, id, created, model, result.FinalText, CompletionJson.FinishReason(result.Status), result.Usage);
            await response.Body.WriteAsync(buffer.WrittenMemory, ct);
        }

        await response.CompleteAsync();
    }

    private static async Task StreamAsync(HttpResponse response, IAsyncEnumerable<AgentEvent?> events, string id, long created, ChatRequest request, CancellationToken ct)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var buffer = new ArrayBufferWriter<byte>();
        var ended = false;
        await foreach (var e in events)
        {
            if (ended)
            {
                // The answer is out; what follows RunCompleted (nothing a caller sees) only ends the turn's stream.
                continue;
            }

            if (e is null)
            {
                // Queued: the headers and the opening chunk go out now, even while an earlier turn still runs.
                CompletionJson.WriteChunk(buffer, id, created, request.Model, null, null);
                await SendAsync(response, buffer, ct);
            }
            else if (e is TextDelta delta)
            {
                CompletionJson.WriteChunk(buffer, id, created, request.Model, delta.Text, null);
                await SendAsync(response, buffer, ct);
            }
            else if (e is RunCompleted done)
            {
                ended = true;
                await EndStreamAsync(response, buffer, done.Result, id, created, request, ct);
            }
        }

        if (!ended)
        {
            await EndStreamAsync(response, buffer, null, id, created, request, ct);
        }
    }

    /// <summary>The closing chunks and <c>[DONE]</c>; the response ends here, without waiting for the turn's end of stream.</summary>
    private static async Task EndStreamAsync(HttpResponse response, ArrayBufferWriter<byte> buffer, AgentRunResult? result, string id, long created, ChatRequest request, CancellationToken ct)
    {
        if (result is null || result.Status is RunStatus.Failed or RunStatus.ProviderError or RunStatus.BudgetExceeded or RunStatus.LoopDetected)
        {
            CompletionJson.WriteStreamError(buffer, ErrorCode(result), result?.Error ?? "The run ended without a result.");
            await SendAsync(response, buffer, ct);
        }
        else
        {
            CompletionJson.WriteChunk(buffer, id, created, request.Model, null, CompletionJson.FinishReason(result.Status));
            await SendAsync(response, buffer, ct);
            if (request.IncludeUsage)
            {
                CompletionJson.WriteChunk(buffer, id, created, request.Model, null, null, result.Usage, noChoices: true);
                await SendAsync(response, buffer, ct);
            }
        }

        await response.Body.WriteAsync(Done, ct);
        await response.CompleteAsync();
    }

    private static async Task SendAsync(HttpResponse response, ArrayBufferWriter<byte> json, CancellationToken ct)
    {
        await response.Body.WriteAsync(DataPrefix, ct);
        await response.Body.WriteAsync(json.WrittenMemory, ct);
        await response.Body.WriteAsync(EventEnd, ct);
        await response.Body.FlushAsync(ct);
        json.ResetWrittenCount();
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var memory = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (memory.Length + read > MaxBodyBytes)
            {
                throw new FormatException($"The body is larger than {MaxBodyBytes / 1024 / 1024} MB.");
            }

            memory.Write(chunk, 0, read);
        }

        return memory.ToArray();
    }
}
