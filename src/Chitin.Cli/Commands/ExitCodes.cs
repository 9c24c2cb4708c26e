namespace Chitin.Cli.Commands;

/// <summary>Process exit codes: a public contract other programs rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The task failed, hit a limit (steps, tokens, time, budget) or was stopped by the loop guard (loop_detected).</summary>
    public const int TaskFailed = 1;

    /// <summary>Bad flags, arguments or configuration.</summary>
    public const int UsageError = 2;

    /// <summary>The model provider failed: unreachable, unknown model, authentication, retries exhausted.</summary>
    public const int ProviderError = 3;

    /// <summary>A skill was blocked by vetting (<c>chitin skills vet|add</c>); 1 there means it only has warnings.</summary>
    public const int Blocked = 4;

    /// <summary>Interrupted by Ctrl-C or SIGTERM; the session is saved and can be resumed.</summary>
    public const int Cancelled = 130;
}
