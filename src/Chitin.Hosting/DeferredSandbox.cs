namespace Chitin.Hosting;

/// <summary>
/// The "preferred" sandbox, decided on the first shell command: bubblewrap's trial run costs tens of milliseconds,
/// which runs that never call run_shell should not pay. When bubblewrap cannot run and Landlock stands in, or when
/// nothing can run (commands are then refused), the note is given once.
/// </summary>
public sealed class DeferredSandbox : ICommandSandbox
{
    private readonly ICommandSandbox _inner;
    private readonly Lazy<bool> _available;

    public DeferredSandbox(ICommandSandbox inner, Action<string> warn)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ArgumentNullException.ThrowIfNull(warn);
        _available = new Lazy<bool>(
            () =>
            {
                var selection = SandboxSelector.Select(SandboxPolicy.Preferred, inner);
                if (selection.Warning is { } warning)
                {
                    warn(warning);
                }
                else if (inner is FirstAvailableSandbox { Selected: LandlockSandbox landlock } chain)
                {
                    warn($"{chain.Candidates[0].Name} is not available ({chain.Candidates[0].UnavailableReason}); shell commands are confined with Landlock (ABI {landlock.AbiVersion}) instead");
                }

                return selection.Sandbox is not null;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsAvailable => _available.Value;

    public string? UnavailableReason => _inner.UnavailableReason;

    public string Name => _inner.Name;

    public SandboxedCommand Wrap(SandboxRequest request) => _inner.Wrap(request);
}
