using Chitin.Security.Permissions;

namespace Chitin.Gateway.Features;

/// <summary>
/// The permission engine's "ask" for gateway runs. Safety is built before the channels exist, so it asks through
/// this relay; once channels are up, questions go to the session's chat, and without a channel the answer is no.
/// </summary>
internal sealed class ApprovalRelay
{
    private Func<PermissionPrompt, CancellationToken, ValueTask<PermissionAnswer>>? _target;

    public void Connect(Func<PermissionPrompt, CancellationToken, ValueTask<PermissionAnswer>> target) => _target = target;

    public ValueTask<PermissionAnswer> PromptAsync(PermissionPrompt prompt, CancellationToken cancellationToken) =>
        _target is { } ask ? ask(prompt, cancellationToken) : ValueTask.FromResult(PermissionAnswer.No);
}
