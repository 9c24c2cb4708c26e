namespace Chitin.Testing.Server;

/// <summary>
/// Answers one chat request: parse, meter the prompt, apply the next fault, take the script's step, record the
/// request, then write the answer as JSON or as a stream.
/// </summary>
internal sealed class ChatHandler(
    ModelScript script,
    Personas.PersonaBehaviour? persona,
    FaultQueue faults,
    RequestRecorder recorder,
    PromptAccountant accountant,
    IReadOnlyList<string> models,
    ScriptedModelServerOptions options,
    CancellationToken serverStopping)
{
    public async Task HandleAsync(IncomingExchange exchange, WireDialect dialect)
    {
        var context = exchange.Context;
        var requestId = WireIds.Make("req_", exchange.Index, 0);
        context.Response.Headers[dialect.RequestIdHeader] = requestId;

        ParsedChatRequest parsed;
        try
        {
            using var document = JsonDocument.Parse(exchange.Body, WireJson.ReaderOptions);
            parsed = dialect.Parse(document.RootElement, exchange.Index);
        }
        catch (JsonException exception)
        {
            await FailAsync(exchange, dialect, requestId, 400, $"scripted model: the request body is not valid JSON: {exception.Message}");
            return;
        }
        catch (RequestParseException exception)
        {
            await FailAsync(exchange, dialect, requestId, 400, $"scripted model: invalid request: {exception.Message}");
            return;
        }

        var request = parsed.Request;
        if (options.RejectUnknownModels && !models.Contains(request.Model, StringComparer.Ordinal))
        {
            await FailAsync(exchange, dialect, requestId, 404,
                $"scripted model: the model '{request.Model}' does not exist; this server serves {string.Join(", ", models)}", request);
            return;
        }

        var measurement = accountant.Measure(parsed);
        var fault = faults.TryTake();
        switch (fault?.Kind)
        {
            case FaultKind.RateLimited:
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await FailAsync(exchange, dialect, requestId, 429,
                    $"scripted model: rate limited (injected fault); retry after {fault.RetryAfterSeconds} s", request, measurement, fault);
                return;
            case FaultKind.ServerError:
                await FailAsync(exchange, dialect, requestId, fault.Status,
                    $"scripted model: server error {fault.Status} (injected fault)", request, measurement, fault);
                return;
        }

        // A cut stream never reached the client whole, so the retry must receive the same answer again.
        var scripted = script.Answer(request, consume: fault?.Kind != FaultKind.CutStreamAfter);
        if (scripted.Step is not { } step)
        {
            await FailAsync(exchange, dialect, requestId, 500, scripted.Failure!, request, measurement, fault);
            return;
        }

        if (step.IsError)
        {
            await FailAsync(exchange, dialect, requestId, step.ErrorStatus!.Value, step.ErrorMessage!, request, measurement, fault);
            return;
        }

        if (persona is not null && persona.Fails())
        {
            await FailAsync(exchange, dialect, requestId, 503, $"scripted model: {persona.Persona.Name} is overloaded (persona failure)", request, measurement, fault);
            return;
        }

        step = Personas.AnswerLimits.Apply(persona?.Degrade(step) ?? step, request);
        var answer = ChatAnswerFactory.Create(dialect, exchange.Index, request.Model, step, measurement, options.ChunkChars, fault?.Kind == FaultKind.MalformedToolCallJson);
        answer = persona?.Report(answer) ?? answer;
        recorder.Add(exchange.ToRecord(dialect, 200, request, measurement, fault));
        accountant.Remember(request.Model, measurement);
        await AnswerAsync(context, dialect, parsed, answer, fault);
    }

    private async Task AnswerAsync(HttpContext context, WireDialect dialect, ParsedChatRequest parsed, ChatAnswer answer, Fault? fault)
    {
        var cancellationToken = context.RequestAborted;
        var response = context.Response;
        try
        {
            if (fault?.Kind == FaultKind.CutStreamAfter)
            {
                await CutResponse.WriteAsync(context, dialect, parsed, answer, fault.Chunks);
                return;
            }

            if (parsed.Request.Stream)
            {
                HttpResponses.SetEventStreamHeaders(response);
                await WaitIfSlowAsync(context, fault, headersFirst: true);
                using var stream = new SseStream(response.BodyWriter, cancellationToken);
                await dialect.WriteStreamAsync(stream, answer, parsed);
                return;
            }

            var body = HttpResponses.Serialize((dialect, answer), static (json, state) => state.dialect.WriteCompletion(json, state.answer));
            await WaitIfSlowAsync(context, fault, headersFirst: false);
            await HttpResponses.WriteJsonAsync(response, 200, body, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException
            && (cancellationToken.IsCancellationRequested || serverStopping.IsCancellationRequested))
        {
            // The client gave up, or the server is stopping: nobody is left to answer.
            context.Abort();
        }
    }

    private async Task WaitIfSlowAsync(HttpContext context, Fault? fault, bool headersFirst)
    {
        if (fault?.Kind != FaultKind.SlowFirstToken)
        {
            return;
        }

        if (headersFirst)
        {
            // Like a real stream: status and headers now, the first token later.
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        await Task.Delay(fault.Delay, linked.Token);
    }

    private Task FailAsync(
        IncomingExchange exchange,
        WireDialect dialect,
        string requestId,
        int status,
        string message,
        ScriptRequest? request = null,
        PromptMeasurement measurement = default,
        Fault? fault = null)
    {
        recorder.Add(exchange.ToRecord(dialect, status, request, measurement, fault));
        return HttpResponses.WriteErrorAsync(exchange.Context, dialect, status, message, requestId);
    }
}
