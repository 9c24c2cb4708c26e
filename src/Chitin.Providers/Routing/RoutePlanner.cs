namespace Chitin.Providers.Routing;

/// <summary>
/// Decides where one call goes: the endpoints of the asked model, ranked (see <see cref="EndpointRanker"/>) with
/// the session's cached prefix taken into account, the pinned endpoint first, and another model's endpoints only
/// when <see cref="RoutingSettings.AllowModelFallback"/> allows it.
/// </summary>
public sealed class RoutePlanner(
    IReadOnlyList<RoutingTarget> targets,
    RoutingSettings settings,
    EndpointRanker ranker,
    SessionRoutes sessions,
    TimeProvider time,
    ISpendGate? budgets,
    Action<RoutingNotice>? notify)
{
    public RoutingPolicy Policy { get; set; } = settings.Policy;

    /// <exception cref="BudgetExceededException">Every endpoint that could take the call would cross a hard cap.</exception>
    /// <exception cref="ModelCallException">No endpoint serves the model or can take the call now.</exception>
    public RoutePlan Plan(IList<ChatMessage> messages, ChatOptions? options)
    {
        string key = SessionRoutes.KeyOf(messages, options);
        BudgetRun? run = BudgetRun.From(options);
        string model = options?.ModelId is { Length: > 0 } asked ? asked : targets[0].Endpoint.Settings.Model;
        SessionRoute? previous = sessions.Find(key);
        string? cachedAt = previous is not null
            && time.GetUtcNow() - previous.LastAt <= ranker.Options.CacheLifetime
            && messages.Count >= previous.MessageCount
            ? previous.Endpoint
            : null;
        long input = PromptEstimate.Tokens(messages);
        var query = new RouteQuery(
            input,
            previous is { LastOutputTokens: > 0 } ? previous.LastOutputTokens : ranker.Options.ExpectedOutputTokens,
            options?.MaxOutputTokens ?? ProviderSettings.DefaultMaxOutputTokens,
            Math.Clamp(previous?.Turns ?? 1, 1, ranker.Options.MaxExpectedRemainingTurns),
            cachedAt,
            cachedAt is null ? 0 : Math.Min(1.0, (double)previous!.SeenTokens / input));

        var budgetBlocked = new List<string>();
        List<RoutingTarget> own = [.. targets.Where(t => string.Equals(t.Endpoint.Settings.Model, model, StringComparison.Ordinal))];
        if (own.Count == 0 && !settings.AllowModelFallback)
        {
            throw new ModelCallException(
                $"no endpoint serves model '{model}'; configured endpoints serve {string.Join(", ", targets.Select(t => t.Endpoint.Settings.Model).Distinct())} " +
                "(set routing.allowModelFallback to let another model stand in)",
                isTransient: false);
        }

        (List<RoutingTarget> order, List<RankedEndpoint> ranking) = Rank(own, query, key, run, budgetBlocked);
        if (order.Count == 0 && settings.AllowModelFallback)
        {
            List<RoutingTarget> others = [.. targets.Except(own)];
            (order, List<RankedEndpoint> fallback) = Rank(others, query, key, run, budgetBlocked);
            ranking.AddRange(fallback);
            if (order.Count > 0)
            {
                model = order[0].Endpoint.Settings.Model;
                notify?.Invoke(new RoutingNotice("model_fallback", order[0].Endpoint.Name,
                    $"no endpoint of the asked model can take the call; falling back to model '{model}' at {order[0].Endpoint.Name}"));
            }
        }

        if (order.Count == 0)
        {
            string reasons = string.Join("; ", ranking.Select(r => $"{r.Endpoint.Name}: {r.Excluded}"));
            if (budgetBlocked.Count > 0)
            {
                throw new BudgetExceededException(
                    $"budget exceeded: the call was not made. {reasons}. Raise the cap with 'chitin budget set' and resume the session.");
            }

            throw new ModelCallException($"no endpoint of model '{model}' can take the call now: {reasons}", isTransient: false);
        }

        if (sessions.PinOf(key) is { } pin && order.FindIndex(t => string.Equals(t.Endpoint.Name, pin, StringComparison.OrdinalIgnoreCase)) is > 0 and var at)
        {
            RoutingTarget pinned = order[at];
            order.RemoveAt(at);
            order.Insert(0, pinned);
        }

        return new RoutePlan(key, model, order, ranking, previous, cachedAt, messages.Count)
        {
            Run = run,
            EstimatedInputTokens = input,
            Opening = messages.Count == 0 ? 0 : HashCode.Combine(messages[0].Role, string.GetHashCode(messages[0].Text, StringComparison.Ordinal)),
        };
    }

    private (List<RoutingTarget> Order, List<RankedEndpoint> Ranking) Rank(List<RoutingTarget> candidates, RouteQuery query, string session, BudgetRun? run, List<string> budgetBlocked)
    {
        if (candidates.Count == 0)
        {
            return ([], []);
        }

        var endpoints = new RoutedEndpoint[candidates.Count];
        for (int i = 0; i < endpoints.Length; i++)
        {
            endpoints[i] = candidates[i].Endpoint;
        }

        Func<RoutedEndpoint, double, string?>? gate = budgets is null ? null : (endpoint, worstUsd) =>
        {
            string? blocked = budgets.Check(run, endpoint.Name, worstUsd, query.InputTokens + query.MaxOutputTokens);
            if (blocked is not null)
            {
                budgetBlocked.Add(endpoint.Name);
            }

            return blocked;
        };
        List<RankedEndpoint> ranking = ranker.Rank(endpoints, query, Policy, gate);
        var order = new List<RoutingTarget>(ranking.Count);
        foreach (RankedEndpoint ranked in ranking)
        {
            if (ranked.Eligible)
            {
                order.Add(candidates.First(t => ReferenceEquals(t.Endpoint.Settings, ranked.Endpoint)));
            }
        }

        return (order, ranking);
    }
}
