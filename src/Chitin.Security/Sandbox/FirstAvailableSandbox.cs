namespace Chitin.Security.Sandbox;

/// <summary>
/// The first of several sandboxes that can run here (bubblewrap, then Landlock), decided on first use; unavailable
/// only when none can run, and then the reason lists why each one cannot.
/// </summary>
public sealed class FirstAvailableSandbox : ICommandSandbox
{
    private readonly IReadOnlyList<ICommandSandbox> _candidates;
    private readonly Lazy<ICommandSandbox?> _selected;

    public FirstAvailableSandbox(params IReadOnlyList<ICommandSandbox> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        _candidates = candidates;
        _selected = new Lazy<ICommandSandbox?>(() => _candidates.FirstOrDefault(c => c.IsAvailable), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The sandbox in use, or null when none can run.</summary>
    public ICommandSandbox? Selected => _selected.Value;

    public IReadOnlyList<ICommandSandbox> Candidates => _candidates;

    public bool IsAvailable => Selected is not null;

    public string Name => Selected?.Name ?? string.Join(" or ", _candidates.Select(c => c.Name));

    public string? UnavailableReason => Selected is not null
        ? null
        : string.Join("; ", _candidates.Select(c => $"{c.Name}: {c.UnavailableReason ?? "it reports that it cannot run here"}"));

    public SandboxedCommand Wrap(SandboxRequest request) =>
        (Selected ?? throw new InvalidOperationException($"no sandbox can run here ({UnavailableReason})")).Wrap(request);
}
