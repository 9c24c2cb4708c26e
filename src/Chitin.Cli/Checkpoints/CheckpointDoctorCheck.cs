namespace Chitin.Cli.Checkpoints;

/// <summary>The "checkpoints" line of <c>chitin doctor</c>: whether they are on and how much space they use.</summary>
public static class CheckpointDoctorCheck
{
    public static async Task<DoctorCheck> RunAsync(ChitinPaths paths, CheckpointSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            await using var store = await StoreOpener.OpenAsync(paths, ct);
            using var checkpoints = new WorkspaceCheckpoints(settings.ToOptions(paths.Home, paths.DatabaseFile), store);
            var usage = await checkpoints.UsageAsync(ct);
            var limits = string.Create(CultureInfo.InvariantCulture,
                $"files over {settings.MaxFileMb} MB not kept; expire after {(settings.MaxAgeDays == 0 ? "their session" : $"{settings.MaxAgeDays} days")}{(settings.MaxSizeMb == 0 ? "" : $" or beyond {settings.MaxSizeMb} MB")}");
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{(settings.Enabled ? "on" : "off (checkpoints.enabled)")}: {Units.Bytes(usage.Bytes)} in {usage.Objects} objects under {usage.Root}, {usage.Checkpoints} checkpoints of {usage.Sessions} sessions; {limits}");
            return new DoctorCheck("checkpoints", settings.Enabled ? DoctorCheck.Ok : DoctorCheck.Warn, detail);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or IOException or UnauthorizedAccessException or Platform.Sqlite.DatabaseException)
        {
            return new DoctorCheck("checkpoints", DoctorCheck.Fail, ex.Message);
        }
    }
}
