namespace Chitin.Core.Agents.Guards;

/// <summary>
/// When the loop guard nudges the model (once per run) and when it stops the run with <see cref="RunStatus.LoopDetected"/>.
/// Counts restart whenever a step makes progress. 0 switches a rule off.
/// </summary>
public sealed record LoopGuardOptions
{
    public static LoopGuardOptions Default { get; } = new();

    public bool Enabled { get; init; } = true;

    /// <summary>The same tool with the same arguments failed this many times without progress in between: nudge.</summary>
    public int RepeatedFailureNudge { get; init; } = 2;

    /// <summary>…and this many times: stop.</summary>
    public int RepeatedFailureStop { get; init; } = 3;

    /// <summary>The same call returned the same result this many times without progress in between: nudge.</summary>
    public int RepeatedCallNudge { get; init; } = 3;

    /// <summary>…and this many times: stop.</summary>
    public int RepeatedCallStop { get; init; } = 6;

    /// <summary>Consecutive tool steps that brought nothing new (no new call, no new result, no reported progress): nudge.</summary>
    public int NoProgressNudge { get; init; } = 6;

    /// <summary>…and this many: stop.</summary>
    public int NoProgressStop { get; init; } = 10;

    /// <summary>A problem with the values, or null when they are usable.</summary>
    public string? Validate()
    {
        foreach (var (name, nudge, stop) in new[]
        {
            ("repeatedFailure", RepeatedFailureNudge, RepeatedFailureStop),
            ("repeatedCall", RepeatedCallNudge, RepeatedCallStop),
            ("noProgress", NoProgressNudge, NoProgressStop),
        })
        {
            if (nudge < 0 || stop < 0)
            {
                return $"{name}Nudge and {name}Stop must be 0 (off) or a positive count";
            }

            if (nudge > 0 && stop > 0 && nudge >= stop)
            {
                return $"{name}Nudge ({nudge}) must be below {name}Stop ({stop}), so the model is warned before the run stops";
            }
        }

        return null;
    }
}
