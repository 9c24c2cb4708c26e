namespace Chitin.Core.Agents;

/// <summary>
/// The agent loop: model call → tool calls → results → model call, until the model answers without tools or a
/// limit is reached. Every message and usage row is persisted as it happens; the run is observed as one
/// <see cref="AgentEvent"/> stream.
/// </summary>
public sealed class AgentRunner
{
    public AgentRunner(
        IChatClient chat,
        ToolRegistry tools,
        ISessionStore sessions,
        IUsageStore usage,
        IToolApprover approver,
        AgentRunnerOptions options,
        TimeProvider? time = null)
    {
        Chat = chat ?? throw new ArgumentNullException(nameof(chat));
        Tools = tools ?? throw new ArgumentNullException(nameof(tools));
        Sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        Usage = usage ?? throw new ArgumentNullException(nameof(usage));
        Approver = approver ?? throw new ArgumentNullException(nameof(approver));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Time = time ?? TimeProvider.System;
    }

    internal IChatClient Chat { get; }

    internal ToolRegistry Tools { get; }

    internal ISessionStore Sessions { get; }

    internal IUsageStore Usage { get; }

    internal IToolApprover Approver { get; }

    internal AgentRunnerOptions Options { get; }

    internal TimeProvider Time { get; }

    /// <summary>
    /// Runs one task. The stream always ends with a <see cref="RunCompleted"/> event, also on cancellation
    /// (status <see cref="RunStatus.Cancelled"/>), after the session has been left consistent and resumable.
    /// </summary>
    public async IAsyncEnumerable<AgentEvent> RunAsync(AgentRunRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new AgentRun(this, request, channel.Writer);
        var producer = Task.Run(
            async () =>
            {
                // Started on the producer's flow, so model-call and tool spans of the run become its children.
                var activity = AgentTelemetry.StartRun(request);
                try
                {
                    await run.ExecuteAsync(abandon.Token).ConfigureAwait(false);
                }
                finally
                {
                    AgentTelemetry.EndRun(activity, request, run.Result);
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return e;
            }
        }
        finally
        {
            // A consumer that stops listening early cancels the run; the producer still leaves the session consistent.
            await abandon.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>Runs one task to completion and returns its result, ignoring intermediate events.</summary>
    public async Task<AgentRunResult> RunToCompletionAsync(AgentRunRequest request, CancellationToken cancellationToken = default)
    {
        AgentRunResult? result = null;
        await foreach (var e in RunAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (e is RunCompleted done)
            {
                result = done.Result;
            }
        }

        return result ?? throw new InvalidOperationException("The run ended without a result.");
    }
}
