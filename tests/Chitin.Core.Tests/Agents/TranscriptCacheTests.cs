using Chitin.Core.Agents;
using Chitin.Core.Permissions;
using Chitin.Core.Sessions;
using Chitin.Core.Tests.Support;
using Chitin.Core.Tools;
using Chitin.Testing.InProcess;
using Microsoft.Extensions.AI;

namespace Chitin.Core.Tests.Agents;

/// <summary>A caller that keeps the session's transcript in memory (the gateway's grain) skips the reload and sends the same context.</summary>
public sealed class TranscriptCacheTests
{
    [Fact]
    public async Task A_held_transcript_replaces_the_reload_and_the_model_sees_the_same_context()
    {
        await using var h = await LoopHarness.CreateAsync();
        var echo = new LambdaTool("echo", ToolTraits.ReadOnly, (inv, _) => ValueTask.FromResult(ToolResult.Ok("echo " + inv.Arguments.GetProperty("value").GetString())));
        var model = new ScriptedChatClient((messages, _) => messages[^1].Role == ChatRole.User ? ScriptedTurn.Call("echo", """{"value":"x"}""") : ScriptedTurn.Say("answer " + messages.Count));
        var counting = new CountingSessionStore(h.Store);
        var runner = new AgentRunner(model, new ToolRegistry([echo]), counting, h.Store, new DefaultToolApprover(approveAll: true), new AgentRunnerOptions { ArtifactsRoot = Path.Combine(h.Root, "artifacts") });
        var cache = new SessionTranscriptCache();

        var first = await runner.RunToCompletionAsync(h.Request("one") with { Transcript = cache });
        Assert.Equal(first.SessionId, cache.SessionId);
        Assert.Equal(4, cache.Count); // user, assistant call, tool result, answer

        var second = await runner.RunToCompletionAsync(h.Request("two", sessionId: first.SessionId) with { Transcript = cache });

        Assert.Equal(RunStatus.Done, second.Status);
        Assert.Equal(0, counting.Loads);
        Assert.Equal(0, counting.Gets);
        Assert.Equal(8, cache.Count);

        // A run that reloads from the store sends exactly what the cached run sent.
        var reloaded = new ScriptedChatClient((messages, _) => ScriptedTurn.Say("unused"));
        var fresh = new AgentRunner(reloaded, new ToolRegistry([echo]), h.Store, h.Store, new DefaultToolApprover(approveAll: true), new AgentRunnerOptions { ArtifactsRoot = Path.Combine(h.Root, "artifacts") });
        await fresh.RunToCompletionAsync(h.Request("three", sessionId: first.SessionId));
        var cachedRequest = model.Received[^1].Select(Describe).ToList();
        var reloadedRequest = reloaded.Received[0].Select(Describe).ToList();
        Assert.Equal(cachedRequest.Count + 2, reloadedRequest.Count); // + the final answer of run two and the prompt "three"
        Assert.Equal(cachedRequest, reloadedRequest.Take(cachedRequest.Count));
    }

    [Fact]
    public async Task A_cache_of_another_session_is_not_used()
    {
        await using var h = await LoopHarness.CreateAsync();
        var model = new ScriptedChatClient((_, _) => ScriptedTurn.Say("ok"));
        var counting = new CountingSessionStore(h.Store);
        var runner = new AgentRunner(model, new ToolRegistry([]), counting, h.Store, new DefaultToolApprover(approveAll: true), new AgentRunnerOptions { ArtifactsRoot = Path.Combine(h.Root, "artifacts") });
        var other = new SessionTranscriptCache();
        await runner.RunToCompletionAsync(h.Request("other session") with { Transcript = other });
        var first = await runner.RunToCompletionAsync(h.Request("mine"));

        var second = await runner.RunToCompletionAsync(h.Request("again", sessionId: first.SessionId) with { Transcript = other });

        Assert.Equal(RunStatus.Done, second.Status);
        Assert.Equal(1, counting.Loads);
        Assert.Equal(first.SessionId, other.SessionId);
        Assert.Equal(["mine", "ok", "again"], model.Received[^1].Where(m => m.Role != ChatRole.System).Select(m => m.Text));
    }

    private static string Describe(ChatMessage m) => $"{m.Role}:{m.Text}:{string.Join(',', m.Contents.Select(c => c.GetType().Name))}";

    private sealed class CountingSessionStore(ISessionStore inner) : ISessionStore
    {
        public int Loads { get; private set; }

        public int Gets { get; private set; }

        public Task<SessionInfo> CreateSessionAsync(SessionInfo session, CancellationToken cancellationToken) => inner.CreateSessionAsync(session, cancellationToken);

        public Task<SessionInfo?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
        {
            Gets++;
            return inner.GetSessionAsync(sessionId, cancellationToken);
        }

        public Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(int limit, CancellationToken cancellationToken) => inner.ListSessionsAsync(limit, cancellationToken);

        public Task<SessionMessage> AppendMessageAsync(string sessionId, SessionMessage message, CancellationToken cancellationToken) => inner.AppendMessageAsync(sessionId, message, cancellationToken);

        public Task<IReadOnlyList<SessionMessage>> LoadMessagesAsync(string sessionId, CancellationToken cancellationToken)
        {
            Loads++;
            return inner.LoadMessagesAsync(sessionId, cancellationToken);
        }

        public Task UpdateSessionAsync(string sessionId, SessionStatus status, string? model, CancellationToken cancellationToken) => inner.UpdateSessionAsync(sessionId, status, model, cancellationToken);

        public Task<int> SetRewoundAsync(string sessionId, long fromSequence, long throughSequence, bool rewound, CancellationToken cancellationToken) =>
            inner.SetRewoundAsync(sessionId, fromSequence, throughSequence, rewound, cancellationToken);

        public Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken) => inner.DeleteSessionAsync(sessionId, cancellationToken);
    }
}
