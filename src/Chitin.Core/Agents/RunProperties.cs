namespace Chitin.Core.Agents;

/// <summary>
/// Keys the loop puts into every model call's <see cref="ChatOptions.AdditionalProperties"/> so middleware (routing,
/// budgets, telemetry) knows which session, run and agent a call belongs to. Middleware that talks to a provider
/// removes them first (<see cref="Without"/>): they never go on the wire.
/// </summary>
public static class RunProperties
{
    public const string Prefix = "chitin.";

    public const string Session = "chitin.session";

    public const string Run = "chitin.run";

    public const string Agent = "chitin.agent";

    /// <summary>The properties of a new run of <paramref name="sessionId"/>; each call gets a fresh run id.</summary>
    public static AdditionalPropertiesDictionary Create(string sessionId, string agent) => new()
    {
        [Session] = sessionId,
        [Run] = "run-" + Guid.NewGuid().ToString("N")[..16],
        [Agent] = agent,
    };

    /// <summary>The named property's text value, or null when the call carries none.</summary>
    public static string? Read(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) == true && value is string { Length: > 0 } text ? text : null;

    /// <summary>A copy of <paramref name="options"/> without Chitin's keys (the same instance when it carries none).</summary>
    public static ChatOptions? Without(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { Count: > 0 } extra || !extra.Keys.Any(k => k.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            return options;
        }

        var copy = options.Clone();
        var kept = new AdditionalPropertiesDictionary();
        foreach (var (key, value) in extra)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                kept[key] = value;
            }
        }

        copy.AdditionalProperties = kept.Count == 0 ? null : kept;
        return copy;
    }
}
