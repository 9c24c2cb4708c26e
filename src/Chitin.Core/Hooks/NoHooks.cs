namespace Chitin.Core.Hooks;

public sealed class NoHooks : IAgentHooks
{
    public static NoHooks Instance { get; } = new();

    public ValueTask<HookOutcome> RunAsync(HookRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(HookOutcome.Continue);
}
