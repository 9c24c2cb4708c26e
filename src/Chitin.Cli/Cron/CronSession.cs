namespace Chitin.Cli.Cron;

/// <summary>One cron command's configuration and job store; turns schedule and database errors into readable failures.</summary>
internal static class CronSession
{
    public static async Task<int> RunAsync(CommandRuntime runtime, CancellationToken cancellationToken, Func<ChitinConfig, CronJobStore, CancellationToken, Task<int>> action)
    {
        try
        {
            var config = runtime.LoadConfig();
            return await action(config, CronJobStore.Open(config.Paths.DatabaseFile), cancellationToken);
        }
        catch (ConfigException ex)
        {
            return runtime.Fail(ex);
        }
        catch (ScheduleException ex)
        {
            return runtime.Fail(ExitCodes.UsageError, ex.Message);
        }
        catch (DatabaseException ex)
        {
            return runtime.Fail(ExitCodes.TaskFailed, ex.Message);
        }
    }

    /// <summary>The job, or null after printing that there is none.</summary>
    public static CronJob? Find(CommandRuntime runtime, CronJobStore store, string id)
    {
        var job = store.Find(id.Trim());
        if (job is null)
        {
            runtime.Fail(ExitCodes.UsageError, $"no cron job '{id}'; see chitin cron list");
        }

        return job;
    }
}
