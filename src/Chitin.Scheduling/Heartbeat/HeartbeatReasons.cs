namespace Chitin.Scheduling.Heartbeat;

/// <summary>The reasons a beat carries, in the order the pre-check tests them.</summary>
public static class HeartbeatReasons
{
    /// <summary>The "heartbeat" section switches it off.</summary>
    public const string Disabled = "disabled";

    /// <summary>The time is outside heartbeat.activeHours.</summary>
    public const string OutsideActiveHours = "outside_active_hours";

    /// <summary>A 401 or 402 from the provider opened the breaker; fix the key or billing and restart the gateway.</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>Today's heartbeat.dailyCap calls or heartbeat.dailyTokens are used up.</summary>
    public const string DailyCapReached = "daily_cap_reached";

    /// <summary>No open task in HEARTBEAT.md and no new event: nothing to do, no model call.</summary>
    public const string NoWork = "no_work";

    /// <summary>Ran because HEARTBEAT.md has open tasks.</summary>
    public const string OpenTasks = "open_tasks";

    /// <summary>Ran because events arrived since the last beat.</summary>
    public const string NewEvents = "new_events";

    /// <summary>Ran because of both.</summary>
    public const string OpenTasksAndNewEvents = "open_tasks_and_new_events";

    /// <summary>The database holding the daily budget was unavailable; no model call was made.</summary>
    public const string StoreUnavailable = "store_unavailable";

    /// <summary>The model call failed (the event's Error says how).</summary>
    public const string ModelCallFailed = "model_call_failed";
}
