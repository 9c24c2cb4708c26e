namespace Chitin.Security.Permissions;

/// <summary>How a <see cref="PermissionEngine"/> resolves "ask" and where it records its decisions.</summary>
public sealed record PermissionEngineOptions
{
    /// <summary>--yes: every "ask" is approved (never a deny).</summary>
    public bool ApproveAsks { get; init; }

    /// <summary>Asks a person; null when the run is not interactive (an "ask" is then denied with advice).</summary>
    public Func<PermissionPrompt, CancellationToken, ValueTask<PermissionAnswer>>? Prompt { get; init; }

    /// <summary>Receives one entry per decision.</summary>
    public IAuditLog AuditLog { get; init; } = NoAuditLog.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>What <c>~</c> means in rules, paths and additional directories; the current user's home when null.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Base for relative additionalDirectories; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }
}
