namespace Chitin.Scheduling.Running;

/// <summary>
/// Runs one job once: a fresh conversation (its own session key, so its own session) through the dispatcher, a row
/// in the run log from start to end, and the answer delivered to the job's target. A failed delivery is written to
/// the run log with the answer, so nothing is lost.
/// </summary>
public sealed class CronJobRunner
{
    public const string ScheduleTrigger = "schedule";

    public const string ManualTrigger = "manual";

    private readonly CronJobStore _store;
    private readonly IConversationDispatcher _dispatcher;
    private readonly IOutboundMessenger? _messenger;
    private readonly TimeProvider _time;

    public CronJobRunner(CronJobStore store, IConversationDispatcher dispatcher, IOutboundMessenger? messenger, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _messenger = messenger;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public async Task<CronRun> RunAsync(CronJob job, string trigger, DateTimeOffset? due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var runId = _store.StartRun(job.Id, trigger, due, _time.GetUtcNow());
        var message = new ConversationMessage
        {
            SessionKey = $"cron:{job.Id}:{runId}",
            Text = job.Task,
            Source = "cron",
            MessageId = $"cron:{job.Id}:{runId}",
        };

        AgentRunResult? result = null;
        string? error = null;
        try
        {
            await foreach (var agentEvent in _dispatcher.SendAsync(message, cancellationToken))
            {
                if (agentEvent is RunCompleted completed)
                {
                    result = completed.Result;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error = "cancelled: the host stopped during the run";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever failed, the run-log row must end: a row left "running" would read as a run still going.
            error = ex.Message;
        }

        var status = result?.Status == RunStatus.Done && error is null ? CronRunStatus.Done : CronRunStatus.Failed;
        error ??= result is null ? "the run ended without a result" : result.Status == RunStatus.Done ? null : result.Error ?? $"the run ended with status {result.Status}";
        var output = result?.FinalText;
        if (status == CronRunStatus.Done && job.Deliver is { } target)
        {
            error = await DeliverAsync(target, output ?? "", cancellationToken);
        }

        _store.FinishRun(runId, _time.GetUtcNow(), status, result?.SessionId, output, error);
        return _store.Runs(job.Id).Single(r => r.Id == runId);
    }

    /// <summary>Null when delivered, else why not.</summary>
    private Task<string?> DeliverAsync(string target, string text, CancellationToken cancellationToken) =>
        OutboundDelivery.TryDeliverAsync(
            _messenger,
            target,
            text,
            noChannelHint: " (delivery needs 'chitin gateway' with that channel configured)",
            consequence: "; the answer is kept in the run log",
            cancellationToken);
}
