namespace Chitin.Gateway.Features;

/// <summary>/api/cron: the cron jobs with their next due time.</summary>
internal sealed class CronListing(GatewayFeatures features) : IGatewayListing
{
    public string Kind => "cron";

    public Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows = [.. features.Schedules.Jobs.List().Select(job =>
        {
            var view = CronJobView.From(job, lastRun: null);
            return (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["id"] = view.Id,
                ["kind"] = view.Kind,
                ["expression"] = view.Expression,
                ["time_zone"] = view.TimeZone,
                ["task"] = view.Task,
                ["deliver"] = view.Deliver,
                ["next_due"] = view.NextDue?.ToString("O", CultureInfo.InvariantCulture),
                ["done"] = view.Done ? "true" : "false",
            };
        })];
        return Task.FromResult(rows);
    }
}
