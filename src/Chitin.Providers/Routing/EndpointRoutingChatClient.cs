namespace Chitin.Providers.Routing;

/// <summary>
/// An <see cref="IChatClient"/> over several endpoints of a logical model, so the agent loop does not change. Each
/// call goes where <see cref="RoutePlanner"/> says; a failure before the first streamed content moves the call to
/// the next endpoint (never after, so no text is duplicated); every attempt feeds the endpoint's health and
/// telemetry, every success the session's sticky route and the budgets. Responses carry
/// <c>model@endpoint</c> (<see cref="RoutedModelId"/>) as their model id.
/// </summary>
public sealed class EndpointRoutingChatClient : IChatClient
{
    private readonly IReadOnlyList<RoutingTarget> _targets;
    private readonly RoutePlanner _planner;
    private readonly ISpendGate? _budgets;
    private readonly Action<RoutingNotice>? _notify;
    private readonly TimeProvider _time;

    public EndpointRoutingChatClient(
        IEnumerable<RoutingTarget> targets,
        RoutingSettings? settings = null,
        RoutingOptions? options = null,
        TimeProvider? time = null,
        ISpendGate? budgets = null,
        Action<RoutingNotice>? notify = null,
        Evaluation.VerdictBook? verdicts = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targets = [.. targets];
        if (_targets.Count == 0)
        {
            throw new ArgumentException("At least one endpoint is needed.", nameof(targets));
        }

        _time = time ?? TimeProvider.System;
        _budgets = budgets;
        _notify = notify;
        Ranker = new EndpointRanker(options ?? RoutingOptions.Default, verdicts);
        _planner = new RoutePlanner(_targets, settings ?? RoutingSettings.Default, Ranker, Sessions, _time, budgets, notify);
    }

    public IReadOnlyList<RoutingTarget> Targets => _targets;

    public SessionRoutes Sessions { get; } = new();

    public EndpointRanker Ranker { get; }

    /// <summary>The policy for calls from now on (<c>chitin run --policy</c> sets it for one run).</summary>
    public RoutingPolicy Policy
    {
        get => _planner.Policy;
        set => _planner.Policy = value;
    }

    /// <summary>Where the next call with these messages would go, without making it.</summary>
    public RoutePlan Plan(IEnumerable<ChatMessage> messages, ChatOptions? options = null) =>
        _planner.Plan(messages as IList<ChatMessage> ?? [.. messages], options);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IList<ChatMessage> history = messages as IList<ChatMessage> ?? [.. messages];
        RoutePlan plan = _planner.Plan(history, options);
        for (int i = 0; ; i++)
        {
            RoutingTarget target = plan.Order[i];
            long start = _time.GetTimestamp();
            try
            {
                ChatResponse response = await target.Client.GetResponseAsync(history, ForTarget(options, target), cancellationToken).ConfigureAwait(false);
                double latency = _time.GetElapsedTime(start).TotalMilliseconds;
                response.ModelId = RoutedModelId.Format(plan.Model, target.Endpoint.Name);
                await SucceededAsync(plan, target, response.Usage, latency, latency, cancellationToken).ConfigureAwait(false);
                return response;
            }
            catch (ModelCallException ex)
            {
                if (!Failed(plan, target, ex, i))
                {
                    throw;
                }
            }
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IList<ChatMessage> history = messages as IList<ChatMessage> ?? [.. messages];
        RoutePlan plan = _planner.Plan(history, options);
        for (int i = 0; i < plan.Order.Count; i++)
        {
            RoutingTarget target = plan.Order[i];
            string modelId = RoutedModelId.Format(plan.Model, target.Endpoint.Name);
            long start = _time.GetTimestamp();
            double? firstTokenMs = null;
            UsageDetails? usage = null;
            IAsyncEnumerator<ChatResponseUpdate> updates = target.Client
                .GetStreamingResponseAsync(history, ForTarget(options, target), cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            await using (updates.ConfigureAwait(false))
            {
                while (true)
                {
                    bool hasNext;
                    try
                    {
                        hasNext = await updates.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (ModelCallException ex) when (firstTokenMs is null && Failed(plan, target, ex, i))
                    {
                        break;
                    }
                    catch (ModelCallException ex)
                    {
                        // Content already reached the caller: another endpoint would repeat it. The failure still counts.
                        if (firstTokenMs is not null)
                        {
                            Failed(plan, target, ex, plan.Order.Count);
                        }

                        throw;
                    }

                    if (!hasNext)
                    {
                        double latency = _time.GetElapsedTime(start).TotalMilliseconds;
                        await SucceededAsync(plan, target, usage, firstTokenMs ?? latency, latency, cancellationToken).ConfigureAwait(false);
                        yield break;
                    }

                    ChatResponseUpdate update = updates.Current;
                    foreach (AIContent content in update.Contents)
                    {
                        if (content is UsageContent reported)
                        {
                            usage = reported.Details;
                        }
                        else if (firstTokenMs is null)
                        {
                            firstTokenMs = _time.GetElapsedTime(start).TotalMilliseconds;
                        }
                    }

                    update.ModelId = modelId;
                    yield return update;
                }
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return _targets[0].Client.GetService(serviceType, serviceKey);
    }

    public void Dispose()
    {
        foreach (RoutingTarget target in _targets)
        {
            target.Client.Dispose();
        }
    }

    /// <summary>Books a failed attempt; true when the call should move on to the next endpoint of the plan.</summary>
    private bool Failed(RoutePlan plan, RoutingTarget target, ModelCallException exception, int index)
    {
        ErrorClass error = ErrorClassifier.Classify(exception);
        target.Endpoint.Health.OnFailure(error, error == ErrorClass.RateLimited ? target.RetryAfter : null);
        target.Endpoint.Telemetry.Record(CallOutcome.Failure(_time.GetUtcNow(), error));
        if (index + 1 >= plan.Order.Count || !ErrorClassifier.AnotherEndpointMayHelp(exception))
        {
            return false;
        }

        _notify?.Invoke(new RoutingNotice("failover", target.Endpoint.Name,
            $"{target.Endpoint.Name} failed before answering ({exception.Message}); trying {plan.Order[index + 1].Endpoint.Name}"));
        return true;
    }

    private async Task SucceededAsync(RoutePlan plan, RoutingTarget target, UsageDetails? usage, double firstTokenMs, double latencyMs, CancellationToken cancellationToken)
    {
        long input = usage?.InputTokenCount ?? 0;
        long cached = usage?.CachedInputTokenCount ?? 0;
        long output = usage?.OutputTokenCount ?? 0;
        long written = usage?.AdditionalCounts is { } extra && extra.TryGetValue(Core.Metering.UsageKeys.CacheWriteInputTokens, out long w) ? w : 0;
        bool sameEndpoint = string.Equals(plan.CachedAt, target.Endpoint.Name, StringComparison.OrdinalIgnoreCase);
        long repeated = sameEndpoint && plan.Previous is { } previous ? Math.Min(input, previous.SeenTokens) : 0;
        DateTimeOffset now = _time.GetUtcNow();

        target.Endpoint.Health.OnSuccess();
        bool fresh = target.Endpoint.Telemetry.FirstTimeSent(plan.Opening);
        target.Endpoint.Telemetry.Record(new CallOutcome(now, ErrorClass.None, firstTokenMs, latencyMs, input, cached, written, output, repeated, plan.EstimatedInputTokens, fresh));
        Sessions.Update(plan.SessionKey, new SessionRoute(target.Endpoint.Name, input, output, plan.MessageCount, now, (plan.Previous?.Turns ?? 0) + 1));
        if (plan.Previous is { } before && !string.Equals(before.Endpoint, target.Endpoint.Name, StringComparison.OrdinalIgnoreCase))
        {
            _notify?.Invoke(new RoutingNotice("moved", target.Endpoint.Name, $"session moved from {before.Endpoint} to {target.Endpoint.Name}"));
        }

        if (_budgets is not null)
        {
            var price = target.Endpoint.Settings.Price;
            long uncached = Math.Max(0, input - cached - written);
            decimal usd = ((uncached * price.Input) + (cached * price.CachedInput) + (written * price.CacheWrite) + (output * price.Output)) / 1_000_000m;
            IReadOnlyList<string> warnings = await _budgets.RecordAsync(plan.Run, target.Endpoint.Name, usd, input + output, cancellationToken).ConfigureAwait(false);
            foreach (string warning in warnings)
            {
                _notify?.Invoke(new RoutingNotice("budget_warning", target.Endpoint.Name, warning));
            }
        }
    }

    private static ChatOptions ForTarget(ChatOptions? options, RoutingTarget target)
    {
        ChatOptions copy = RunProperties.Without(options)?.Clone() ?? new ChatOptions();
        copy.ModelId = target.Endpoint.Settings.WireModel;
        return copy;
    }
}
