namespace Chitin.Scheduling.Running;

/// <summary>
/// Runs conversation messages in this process through a <see cref="ChitinHost"/>'s runners: the first message of a
/// session key starts a new session, later ones continue it. <c>chitin cron run</c> uses it; the gateway has its own
/// dispatcher on grains.
/// </summary>
public sealed class HostConversationDispatcher : IConversationDispatcher
{
    private readonly ChitinHost _host;
    private readonly string _model;
    private readonly string _workspace;
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public HostConversationDispatcher(ChitinHost host, string model, string workspace)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace);
        _model = model;
        _workspace = workspace;
    }

    public async IAsyncEnumerable<AgentEvent> SendAsync(ConversationMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[message.SessionKey] = stop;
        try
        {
            var request = new AgentRunRequest
            {
                Prompt = message.Text,
                SessionId = _sessions.TryGetValue(message.SessionKey, out var existing) ? existing : null,
                Model = _model,
                Agent = message.Agent == "chitin" ? "default" : message.Agent,
                Workspace = _workspace,
                Limits = _host.Config.Limits,
            };
            await foreach (var agentEvent in _host.Runners.Create(_model).RunAsync(request, stop.Token))
            {
                if (agentEvent is RunCompleted completed)
                {
                    _sessions[message.SessionKey] = completed.Result.SessionId;
                }

                yield return agentEvent;
            }
        }
        finally
        {
            _running.TryRemove(message.SessionKey, out _);
        }
    }

    public async Task<bool> StopAsync(string sessionKey, CancellationToken cancellationToken)
    {
        if (!_running.TryGetValue(sessionKey, out var running))
        {
            return false;
        }

        await running.CancelAsync();
        return true;
    }
}
