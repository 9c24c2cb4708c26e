namespace Chitin.Core.Hooks;

/// <summary>
/// Runs the hooks configured for an event and combines their answers (deny wins over allow over continue;
/// rewrites apply in order). A before_tool hook that fails must fail closed (deny).
/// </summary>
public interface IAgentHooks
{
    ValueTask<HookOutcome> RunAsync(HookRequest request, CancellationToken cancellationToken);
}
