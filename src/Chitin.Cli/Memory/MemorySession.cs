namespace Chitin.Cli.Memory;

/// <summary>One memory command's open store, viewer and clock; turns bad arguments into usage errors.</summary>
internal sealed class MemorySession(CommandRuntime runtime, SqliteMemoryStore store, MemoryViewer viewer)
{
    public CommandRuntime Runtime { get; } = runtime;

    public SqliteMemoryStore Store { get; } = store;

    public MemoryViewer Viewer { get; } = viewer;

    public DateTimeOffset Now => Runtime.Context.Time.GetUtcNow();

    /// <summary>Loads config, opens the memory and runs <paramref name="action"/>; config and argument errors become exit code 2.</summary>
    public static async Task<int> RunAsync(CommandRuntime runtime, string agent, CancellationToken cancellationToken, Func<MemorySession, CancellationToken, Task<int>> action)
    {
        if (string.IsNullOrWhiteSpace(agent))
        {
            return runtime.Fail(ExitCodes.UsageError, "--agent must name an agent profile");
        }

        if (!runtime.TryLoadConfig(out var config, out var failed))
        {
            return failed;
        }

        // Ctrl-C and SIGTERM stop a long command (import, sync) between committed batches: what it reported stays stored.
        using var interrupts = runtime.LinkInterrupts(cancellationToken);
        var token = interrupts.Token;
        await using var store = await MemoryOpener.OpenAsync(config, runtime.Context, judge: null, token);
        var session = new MemorySession(runtime, store, MemoryViewer.For(agent.Trim(), runtime.Context.WorkingDirectory));
        try
        {
            return await action(session, token);
        }
        catch (OperationCanceledException) when (runtime.Context.Interrupts.StopRequested)
        {
            runtime.Error.Line("interrupted: everything reported before the interrupt is stored");
            return ExitCodes.Cancelled;
        }
        catch (MemoryUsageException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }
    }
}
