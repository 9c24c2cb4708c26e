namespace Chitin.Testing.Server;

/// <summary>
/// The whole HTTP surface: reads and numbers every request, sends chat requests to the <see cref="ChatHandler"/>,
/// serves the model list, and answers anything else with an error that names the endpoints that exist.
/// </summary>
internal sealed class RequestRouter(ChatHandler chat, RequestRecorder recorder, IReadOnlyList<string> models)
{
    private readonly EmbeddingsHandler _embeddings = new(recorder);

    private const string ChatCompletionsPath = "/v1/chat/completions";
    private const string MessagesPath = "/v1/messages";
    private const string ModelsPath = "/v1/models";
    private const string EmbeddingsPath = "/v1/embeddings";

    public async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return; // The client went away (or sent a broken body) before we had a request to answer.
        }

        var exchange = new IncomingExchange(context, recorder.NextIndex(), receivedAt, body);
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        try
        {
            await ((path, method) switch
            {
                (ChatCompletionsPath, "POST") => chat.HandleAsync(exchange, OpenAIDialect.Instance),
                (MessagesPath, "POST") => chat.HandleAsync(exchange, AnthropicDialect.Instance),
                (ModelsPath, "GET") => ListModelsAsync(exchange),
                (EmbeddingsPath, "POST") => _embeddings.HandleAsync(exchange),
                (ChatCompletionsPath or MessagesPath or ModelsPath or EmbeddingsPath, _) => RejectAsync(exchange, StatusCodes.Status405MethodNotAllowed,
                    $"scripted model: {method} is not allowed on {path}; use {(path == ModelsPath ? "GET" : "POST")}"),
                _ => RejectAsync(exchange, StatusCodes.Status404NotFound,
                    $"scripted model: no endpoint {method} {path}. This server serves GET {ModelsPath}, POST {ChatCompletionsPath}, POST {EmbeddingsPath} (OpenAI: base URL + \"/v1\") and POST {MessagesPath} (Anthropic: the base URL itself)."),
            });
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // A bug here must reach the test as a readable 500, not as an empty response.
            await RejectAsync(exchange, StatusCodes.Status500InternalServerError,
                $"scripted model: internal error {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static WireDialect GuessDialect(HttpContext context) =>
        context.Request.Headers.ContainsKey("anthropic-version") ? AnthropicDialect.Instance : OpenAIDialect.Instance;

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = request.ContentLength is > 0 and <= int.MaxValue
            ? new MemoryStream((int)request.ContentLength.Value)
            : new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private Task ListModelsAsync(IncomingExchange exchange)
    {
        var dialect = GuessDialect(exchange.Context);
        recorder.Add(exchange.ToRecord(dialect, StatusCodes.Status200OK));
        var body = HttpResponses.Serialize((dialect, models), static (json, state) => state.dialect.WriteModels(json, state.models));
        return HttpResponses.WriteJsonAsync(exchange.Context.Response, StatusCodes.Status200OK, body, exchange.Context.RequestAborted);
    }

    private Task RejectAsync(IncomingExchange exchange, int status, string message)
    {
        var dialect = GuessDialect(exchange.Context);
        recorder.Add(exchange.ToRecord(dialect, status));
        var requestId = WireIds.Make("req_", exchange.Index, 0);
        exchange.Context.Response.Headers[dialect.RequestIdHeader] = requestId;
        return HttpResponses.WriteErrorAsync(exchange.Context, dialect, status, message, requestId);
    }
}
