namespace Chitin.Scheduling.Heartbeat;

/// <summary>Why a beat skipped or ran, in the order the pre-check tests them; written as "no_work", "open_tasks", ...</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HeartbeatReason>))]
public enum HeartbeatReason
{
    /// <summary>The "heartbeat" section switches it off.</summary>
    [JsonStringEnumMemberName("disabled")]
    Disabled,

    /// <summary>The time is outside heartbeat.activeHours.</summary>
    [JsonStringEnumMemberName("outside_active_hours")]
    OutsideActiveHours,

    /// <summary>A 401 or 402 from the provider opened the breaker; fix the key or billing and restart the gateway.</summary>
    [JsonStringEnumMemberName("circuit_open")]
    CircuitOpen,

    /// <summary>Today's heartbeat.dailyCap calls or heartbeat.dailyTokens are used up.</summary>
    [JsonStringEnumMemberName("daily_cap_reached")]
    DailyCapReached,

    /// <summary>No open task in HEARTBEAT.md and no new event: nothing to do, no model call.</summary>
    [JsonStringEnumMemberName("no_work")]
    NoWork,

    /// <summary>Ran because HEARTBEAT.md has open tasks.</summary>
    [JsonStringEnumMemberName("open_tasks")]
    OpenTasks,

    /// <summary>Ran because events arrived since the last beat.</summary>
    [JsonStringEnumMemberName("new_events")]
    NewEvents,

    /// <summary>Ran because of both.</summary>
    [JsonStringEnumMemberName("open_tasks_and_new_events")]
    OpenTasksAndNewEvents,

    /// <summary>The database holding the daily budget was unavailable; no model call was made.</summary>
    [JsonStringEnumMemberName("store_unavailable")]
    StoreUnavailable,

    /// <summary>The model call failed (the event's Error says how).</summary>
    [JsonStringEnumMemberName("model_call_failed")]
    ModelCallFailed,
}
