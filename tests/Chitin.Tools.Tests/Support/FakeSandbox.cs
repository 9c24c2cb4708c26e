using Chitin.Core.Tools;

namespace Chitin.Tools.Tests.Support;

/// <summary>
/// A stand-in for bubblewrap that confines nothing: it runs the command under `env SANDBOXED=1`, which proves
/// that run_shell started the wrapped command, and records what it was asked to wrap.
/// </summary>
public sealed class FakeSandbox(bool available = true) : ICommandSandbox
{
    private readonly List<SandboxRequest> _requests = [];

    public bool IsAvailable => available;

    public string Name => "fakebox";

    public IReadOnlyList<SandboxRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public SandboxedCommand Wrap(SandboxRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        return new SandboxedCommand("/usr/bin/env", ["SANDBOXED=1", request.Shell, "-c", request.Command]);
    }
}
