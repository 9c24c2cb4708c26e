namespace Chitin.Providers.Routing.Probes;

/// <summary>The probes themselves: latency, cache, conformance and equivalence, each filling an <see cref="EndpointProbeResult"/>.</summary>
internal sealed class ProbeChecks(ProbeSession session, ProbeOptions options)
{
    private readonly Dictionary<(string Endpoint, string Case, int Round), ProbeAnswer> _referenceAnswers = [];

    public async Task LatencyAsync(ProbeTarget target, EndpointProbeResult result, CancellationToken ct)
    {
        var ttft = new List<double>();
        var latency = new List<double>();
        for (int i = 0; i < options.LatencyCalls; i++)
        {
            ProbeAnswer answer = await session.CallAsync(target, ProbeKind.Latency, "pong", "Reply with exactly: pong", Options(), result, ct).ConfigureAwait(false);
            session.Judge(answer.Error is null, answer.Error);
            if (answer.Error is null)
            {
                ttft.Add(answer.TimeToFirstTokenMs ?? answer.LatencyMs);
                latency.Add(answer.LatencyMs);
            }
        }

        result.TimeToFirstTokenP50Ms = Median(ttft);
        result.LatencyP50Ms = Median(latency);
        if (ttft.Count == 0)
        {
            result.Notes.Add("latency: every call failed");
        }
    }

    /// <summary>The same long prefix twice, never sent before: cached tokens on the first call are a lie, on the second they should come with a lower time to first token.</summary>
    public async Task CacheAsync(ProbeTarget target, ProbeTarget? reference, EndpointProbeResult result, CancellationToken ct)
    {
        string prompt = CachePrompt(target.Name);
        ProbeAnswer first = await session.CallAsync(target, ProbeKind.Cache, "fresh_prefix", prompt, Options(), result, ct).ConfigureAwait(false);
        session.Judge(first.Error is null && first.CachedInputTokens == 0, first.Error ?? (first.CachedInputTokens > 0 ? $"{first.CachedInputTokens} cached tokens reported for a prefix never sent" : null));
        ProbeAnswer second = await session.CallAsync(target, ProbeKind.Cache, "repeated_prefix", prompt, Options(), result, ct).ConfigureAwait(false);
        session.Judge(second.Error is null, second.Error);
        if (first.Error is not null || second.Error is not null)
        {
            result.Notes.Add("cache: " + (first.Error ?? second.Error));
            return;
        }

        result.CacheFirstCachedTokens = first.CachedInputTokens;
        result.CacheSecondCachedTokens = second.CachedInputTokens;
        result.CacheFirstTtftMs = first.TimeToFirstTokenMs;
        result.CacheSecondTtftMs = second.TimeToFirstTokenMs;
        if (first.CachedInputTokens > 0)
        {
            Flag(result, ProblemFlag.CacheLiar, $"{first.CachedInputTokens} cached tokens reported for a prefix never sent before");
        }
        else if (second.CachedInputTokens > 0 && second.TimeToFirstTokenMs >= first.TimeToFirstTokenMs * 0.9)
        {
            Flag(result, ProblemFlag.CacheLiar, Invariant($"cache hit reported ({second.CachedInputTokens} tokens) but time to first token did not drop ({first.TimeToFirstTokenMs:0} ms, then {second.TimeToFirstTokenMs:0} ms)"));
        }
        else if (second.CachedInputTokens == 0 && target.Settings.Price.CachedInput < target.Settings.Price.Input)
        {
            Flag(result, ProblemFlag.NoCacheHits, "declares a cached price but reported no cached tokens for a repeated prefix");
        }

        long referenceTokens = 0;
        if (reference is not null)
        {
            ProbeAnswer truth = await session.CallAsync(reference, ProbeKind.Cache, "reference_count", prompt, Options(), result, ct).ConfigureAwait(false);
            session.Judge(truth.Error is null, truth.Error);
            referenceTokens = truth.InputTokens ?? 0;
        }

        if (TokenProblem(first, referenceTokens, reference?.Name) is { } inflated)
        {
            Flag(result, ProblemFlag.TokenInflater, inflated);
        }
    }

    /// <summary>The conformance cases, judged by agreement with <paramref name="reference"/> when there is one, else by absolute checks.</summary>
    public async Task ConformanceAsync(ProbeTarget target, ProbeTarget? reference, EndpointProbeResult result, CancellationToken ct)
    {
        int passed = 0, checks = 0, inflated = 0;
        result.JudgedAgainst = reference?.Name;
        for (int round = 0; round < options.ConformanceRounds; round++)
        {
            foreach (ConformanceCase probe in ConformanceSuite.Cases(round, options.Seed))
            {
                ProbeAnswer answer = await session.CallAsync(target, ProbeKind.Conformance, probe.Name, probe.Prompt, probe.Options(), result, ct).ConfigureAwait(false);
                ProbeAnswer? truth = reference is null ? null : await ReferenceAsync(reference, probe, round, result, ct).ConfigureAwait(false);
                string? problem = answer.Error ?? ConformanceSuite.UsageProblem(answer) ?? (truth is { Error: null } ? Disagreement(probe, answer, truth) : probe.Check(answer));
                string? tokens = TokenProblem(answer, truth is { Error: null } ? truth.InputTokens ?? 0 : 0, reference?.Name);
                inflated += tokens is null ? 0 : 1;
                problem ??= tokens;
                session.Judge(problem is null, problem);
                checks++;
                if (problem is null)
                {
                    passed++;
                }
                else
                {
                    result.Failures.Add($"{probe.Name}: {problem}");
                }
            }
        }

        result.ConformanceChecks = checks;
        result.ConformanceRate = checks == 0 ? null : (double)passed / checks;
        if (inflated * 2 > checks)
        {
            Flag(result, ProblemFlag.TokenInflater, Invariant($"{inflated} of {checks} conformance prompts reported more prompt tokens than allowed"));
        }
    }

    /// <summary>The same prompts sampled on both endpoints (temperature 1), and a two-sample test of the answers.</summary>
    public async Task EquivalenceAsync(ProbeTarget target, ProbeTarget reference, EndpointProbeResult result, CancellationToken ct)
    {
        var ours = new List<(string, string)>(options.EquivalenceSamples);
        var theirs = new List<(string, string)>(options.EquivalenceSamples);
        for (int i = 0; i < options.EquivalenceSamples; i++)
        {
            (string name, string prompt, ChatOptions chat) = EquivalencePrompt(i);
            ours.Add((prompt, Class(await session.CallAsync(target, ProbeKind.Equivalence, name, prompt, chat, result, ct, stream: false).ConfigureAwait(false))));
            (name, prompt, chat) = EquivalencePrompt(i);
            theirs.Add((prompt, Class(await session.CallAsync(reference, ProbeKind.Equivalence, name, prompt, chat, result, ct, stream: false).ConfigureAwait(false))));
        }

        EquivalenceTest.Result test = EquivalenceTest.Run(ours, theirs, options.Permutations, options.Seed);
        result.EquivalenceSamples = ours.Count;
        result.PValue = test.PValue;
        result.Mmd2 = test.Mmd2;
        result.Suspect = test.PValue < options.Alpha;
        if (result.Suspect == true)
        {
            Flag(result, ProblemFlag.Suspect, Invariant($"answers differ from {reference.Name}'s: MMD² {test.Mmd2:0.0000}, p = {test.PValue:0.####} < {options.Alpha}"));
        }
    }

    private async Task<ProbeAnswer> ReferenceAsync(ProbeTarget reference, ConformanceCase probe, int round, EndpointProbeResult result, CancellationToken ct)
    {
        if (!_referenceAnswers.TryGetValue((reference.Name, probe.Name, round), out ProbeAnswer? truth))
        {
            truth = await session.CallAsync(reference, ProbeKind.Conformance, "reference:" + probe.Name, probe.Prompt, probe.Options(), result, ct).ConfigureAwait(false);
            session.Judge(truth.Error is null, truth.Error);
            _referenceAnswers[(reference.Name, probe.Name, round)] = truth;
        }

        return truth;
    }

    private static string? Disagreement(ConformanceCase probe, ProbeAnswer answer, ProbeAnswer truth)
    {
        if ((answer.ToolCalls.Count > 0) != (truth.ToolCalls.Count > 0))
        {
            return answer.ToolCalls.Count > 0 ? "made a tool call the reference did not" : "made no tool call where the reference did";
        }

        string ours = probe.Key(answer), theirs = probe.Key(truth);
        return ours == theirs ? null : $"answer '{ours}' disagrees with the reference's '{theirs}'";
    }

    /// <summary>Prompt tokens beyond ±3% of the reference's for the same request, or beyond the own-count tolerance without one.</summary>
    private static string? TokenProblem(ProbeAnswer answer, long referenceTokens, string? reference)
    {
        if (answer.InputTokens is not { } reported || reported <= 0)
        {
            return null;
        }

        if (referenceTokens > 0)
        {
            double ratio = (double)reported / referenceTokens;
            return Math.Abs(ratio - 1) <= ProblemDetector.ReferenceTolerance ? null
                : Invariant($"reported {reported} prompt tokens, the reference {reference} {referenceTokens} ({ratio - 1:+0%;-0%})");
        }

        return reported <= answer.EstimatedInputTokens * ProblemDetector.OwnCountTolerance ? null
            : Invariant($"reported {reported} prompt tokens, Chitin counts about {answer.EstimatedInputTokens}");
    }

    private static (string Name, string Prompt, ChatOptions Options) EquivalencePrompt(int i) => (i % 4) switch
    {
        0 => ("exact", Invariant($"Reply with exactly: word-{i % 5}"), Sampled()),
        2 => ("tool_call", $"Call the tool {ConformanceSuite.ToolName} with arguments " + (i % 3) switch
        {
            0 => """{"city":"Paris","country":"France"}""",
            1 => """{"city":"Lima","country":"Peru"}""",
            _ => """{"city":"Oslo","country":"Norway"}""",
        }, new ChatOptions { Temperature = 1, MaxOutputTokens = 64, Tools = [ConformanceSuite.Tool], ToolMode = ChatToolMode.Auto }),
        _ => ("open", "Name a colour.", Sampled()),
    };

    private static ChatOptions Sampled() => new() { Temperature = 1, MaxOutputTokens = 64 };

    private static string Class(ProbeAnswer answer) => answer.Error is not null ? "error" : answer.Rendered.ToLowerInvariant();

    private ChatOptions Options() => new() { Temperature = 0, MaxOutputTokens = options.MaxOutputTokens };

    private string CachePrompt(string salt)
    {
        var text = new StringBuilder("Cache probe ").Append(salt).Append(' ').Append(Guid.NewGuid().ToString("n")).Append(". ");
        for (int i = 0; i < options.CachePrefixWords; i++)
        {
            text.Append("lorem").Append(i % 89).Append(' ');
        }

        return text.Append("\nReply with exactly: cached").ToString();
    }

    private static void Flag(EndpointProbeResult result, ProblemFlag flag, string evidence)
    {
        if (!result.Flags.Contains(flag))
        {
            result.Flags.Add(flag);
        }

        result.Notes.Add($"{StoredNames.Name(flag)}: {evidence}");
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        return values[(values.Count - 1) / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
