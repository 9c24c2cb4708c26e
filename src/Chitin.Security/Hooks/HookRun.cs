namespace Chitin.Security.Hooks;

/// <summary>How one hook process ended: its exit code and output, or why it did not finish.</summary>
internal sealed record HookRun(int? ExitCode, string Stdout, string Stderr, string? Failure)
{
    public static HookRun Failed(string why) => new(null, "", "", why);
}
