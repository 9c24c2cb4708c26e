namespace Chitin.Core.Diagnostics;

/// <summary>
/// Traces and metrics of runs and tool calls, named after the OpenTelemetry GenAI semantic conventions
/// (<c>invoke_agent</c>, <c>execute_tool</c>, <c>gen_ai.*</c> attributes); model calls are traced by the host's
/// chat-client middleware under the same source. Nothing is recorded unless a listener (an exporter the host
/// configured) is attached, so the default costs a null check. Never carries prompt, argument or result text.
/// </summary>
public static class AgentTelemetry
{
    public const string SourceName = "Chitin";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("chitin.runs", "{run}", "Agent runs by final status");
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>("chitin.cost", "USD", "What runs cost at the configured prices");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("chitin.tokens", "{token}", "Tokens of runs by type (input, cached_input, output)");
    private static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>("chitin.tool.duration", "s", "How long tool calls took");

    /// <summary>Starts the span of one run; null when nobody listens.</summary>
    public static Activity? StartRun(AgentRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var activity = Source.StartActivity($"invoke_agent {request.Agent}", ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "invoke_agent");
        activity?.SetTag("gen_ai.agent.name", request.Agent);
        activity?.SetTag("gen_ai.request.model", request.Model);
        return activity;
    }

    /// <summary>Ends a run's span with what it used and cost, and counts it.</summary>
    public static void EndRun(Activity? activity, AgentRunRequest request, AgentRunResult? result)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = result is null ? "failed" : StatusName(result.Status);
        if (result is not null && Runs.Enabled)
        {
            var model = new KeyValuePair<string, object?>("gen_ai.request.model", request.Model);
            Runs.Add(1, new KeyValuePair<string, object?>("chitin.run.status", status), model);
            Cost.Add((double)result.Usage.CostUsd, model);
            Tokens.Add(result.Usage.InputTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "input"), model);
            Tokens.Add(result.Usage.CachedInputTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "cached_input"), model);
            Tokens.Add(result.Usage.OutputTokens, new KeyValuePair<string, object?>("gen_ai.token.type", "output"), model);
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("chitin.run.status", status);
        if (result is not null)
        {
            activity.SetTag("gen_ai.conversation.id", result.SessionId);
            activity.SetTag("gen_ai.usage.input_tokens", result.Usage.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", result.Usage.OutputTokens);
            activity.SetTag("chitin.usage.cached_input_tokens", result.Usage.CachedInputTokens);
            activity.SetTag("chitin.cost_usd", (double)result.Usage.CostUsd);
            activity.SetTag("chitin.steps", result.Steps);
            activity.SetTag("chitin.tool_calls", result.ToolCalls);
        }

        if (result is null || result.Status is RunStatus.Failed or RunStatus.ProviderError)
        {
            activity.SetStatus(ActivityStatusCode.Error, status);
        }

        activity.Dispose();
    }

    /// <summary>Starts the span of one tool call; null when nobody listens.</summary>
    public static Activity? StartTool(string toolName, string callId)
    {
        var activity = Source.StartActivity($"execute_tool {toolName}", ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "execute_tool");
        activity?.SetTag("gen_ai.tool.name", toolName);
        activity?.SetTag("gen_ai.tool.call.id", callId);
        return activity;
    }

    public static void EndTool(Activity? activity, string toolName, bool isError, double durationMs)
    {
        if (ToolDuration.Enabled)
        {
            ToolDuration.Record(durationMs / 1000.0, new KeyValuePair<string, object?>("gen_ai.tool.name", toolName), new KeyValuePair<string, object?>("error", isError));
        }

        if (activity is null)
        {
            return;
        }

        if (isError)
        {
            activity.SetStatus(ActivityStatusCode.Error, "the tool returned an error");
        }

        activity.Dispose();
    }

    private static string StatusName(RunStatus status) => status switch
    {
        RunStatus.LimitReached => "limit_reached",
        RunStatus.BudgetExceeded => "budget_exceeded",
        RunStatus.LoopDetected => "loop_detected",
        RunStatus.ProviderError => "provider_error",
        _ => status.ToString().ToLowerInvariant(),
    };
}
