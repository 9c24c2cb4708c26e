namespace Chitin.Cli.Checkpoints;

/// <summary>Checkpoints expire with their session: deleting a session deletes its checkpoints and sweeps unused objects.</summary>
public static class CheckpointPruning
{
    public static async Task DeleteSessionAsync(CommandRuntime runtime, ISessionStore store, string sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        CheckpointSettings settings;
        try
        {
            settings = ConfigLoader.Load(runtime.Context).Checkpoints;
        }
        catch (ConfigException)
        {
            // A broken config file must not keep a deleted session's checkpoints around.
            settings = CheckpointSettings.Default;
        }

        using var checkpoints = new WorkspaceCheckpoints(settings.ToOptions(runtime.Paths.Home, runtime.Paths.DatabaseFile), store);
        try
        {
            await checkpoints.DeleteSessionAsync(sessionId, ct);
            await checkpoints.PruneAsync(ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Platform.Sqlite.DatabaseException)
        {
            runtime.Warn($"could not delete the checkpoints of session {sessionId}: {ex.Message}");
        }
    }
}
