using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Chitin.Core.Agents;
using Chitin.Core.Events;
using Chitin.Hosting;
using Chitin.Hosting.Gateway;

namespace Chitin.Channels.Tests.Support;

/// <summary>
/// The test's conversation dispatcher: the real agent loop from <see cref="ChitinHost"/> runners, one turn at a time
/// per session key, one Chitin session per key. The gateway's grain dispatcher replaces it in production.
/// </summary>
public sealed class RunnerDispatcher : IConversationDispatcher
{
    private readonly ChitinHost _host;
    private readonly string _model;
    private readonly string _workspace;
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public RunnerDispatcher(ChitinHost host, string model, string workspace)
    {
        _host = host;
        _model = model;
        _workspace = workspace;
    }

    /// <summary>The session keys that got a turn, in order of their turns.</summary>
    public ConcurrentQueue<string> Turns { get; } = new();

    public async IAsyncEnumerable<AgentEvent> SendAsync(ConversationMessage message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(message.SessionKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[message.SessionKey] = turn;
        try
        {
            Turns.Enqueue(message.SessionKey);
            var request = new AgentRunRequest
            {
                Prompt = message.Text,
                SessionId = _sessions.GetValueOrDefault(message.SessionKey),
                Model = _model,
                Workspace = _workspace,
            };
            await foreach (var e in _host.Runners.Create(_model).RunAsync(request, turn.Token))
            {
                _sessions[message.SessionKey] = e.SessionId;
                yield return e;
            }
        }
        finally
        {
            _running.TryRemove(message.SessionKey, out _);
            gate.Release();
        }
    }

    public async Task<bool> StopAsync(string sessionKey, CancellationToken cancellationToken)
    {
        if (!_running.TryGetValue(sessionKey, out var turn))
        {
            return false;
        }

        await turn.CancelAsync();
        return true;
    }
}
