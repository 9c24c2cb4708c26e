using Chitin.Core.Tools;
using Chitin.Security.Sandbox;

namespace Chitin.Cli.Hosting;

/// <summary>
/// The "preferred" sandbox, decided on the first shell command: bubblewrap's trial run costs tens of milliseconds,
/// which runs that never call run_shell should not pay. When the sandbox cannot run, the warning is given once.
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

                return selection.Sandbox is not null;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsAvailable => _available.Value;

    public string Name => _inner.Name;

    public SandboxedCommand Wrap(SandboxRequest request) => _inner.Wrap(request);
}
