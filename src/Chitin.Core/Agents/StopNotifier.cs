namespace Chitin.Core.Agents;

/// <summary>Tells the hook commands (the stop event) and then the host's stop hooks that a run ended.</summary>
internal static class StopNotifier
{
    public static async Task NotifyAsync(AgentRunnerOptions options, AgentRunRequest request, RunStopped stop, Action<string> fail)
    {
        try
        {
            var hook = new HookRequest { Event = HookEvent.Stop, SessionId = stop.SessionId, ResultText = stop.Status.ToString(), Agent = request.Agent, Workspace = request.Workspace };
            await options.Hooks.RunAsync(hook, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing stop hook must not change the run's result.
        catch (Exception ex)
        {
            fail($"stop hook failed: {ex.Message}");
        }

        foreach (var stopHook in options.StopHooks)
        {
            try
            {
                await stopHook.OnStopAsync(stop, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                fail($"stop hook {stopHook.GetType().Name} failed: {ex.Message}");
            }
        }
#pragma warning restore CA1031
    }
}
