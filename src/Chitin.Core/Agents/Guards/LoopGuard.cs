namespace Chitin.Core.Agents.Guards;

/// <summary>
/// Watches a run's tool steps for loops: the same call failing again and again, the same call returning the same
/// result, and stretches of steps that bring nothing new. It nudges the model once, then stops the run.
/// A step makes progress when it makes a call not made before, gets a result not seen before for a call, or when
/// <see cref="IRunProgress"/> reports progress; progress restarts every count.
/// </summary>
public sealed class LoopGuard(LoopGuardOptions options, IRunProgress? progress = null)
{
    private readonly HashSet<string> _calls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, int Count)> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, int Count)> _repeats = new(StringComparer.Ordinal);
    private long? _mark;
    private int _idleSteps;

    /// <summary>True once the one nudge of the run has been given.</summary>
    public bool Nudged { get; private set; }

    /// <summary>Judges one step from its finished tool calls.</summary>
    public LoopVerdict Observe(IReadOnlyList<ObservedCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (!options.Enabled || calls.Count == 0)
        {
            return LoopVerdict.Continue;
        }

        var moved = ProgressReported();
        var keys = new List<(ObservedCall Call, string Key, string ResultKey)>(calls.Count);
        foreach (var call in calls)
        {
            var key = CallKey.Of(call.Name, call.ArgumentsJson);
            var resultKey = key + "\n" + (call.IsError ? "error" : CallKey.HashOf(call.ResultText));
            var newCall = _calls.Add(key);
            var newResult = _results.Add(resultKey);
            // A failure never counts as progress for a call made before, however its message varies.
            moved |= newCall || (!call.IsError && newResult);
            keys.Add((call, key, resultKey));
        }

        if (moved)
        {
            _failures.Clear();
            _repeats.Clear();
            _idleSteps = 0;
        }
        else
        {
            _idleSteps++;
        }

        foreach (var (call, key, resultKey) in keys)
        {
            var counts = call.IsError ? _failures : _repeats;
            var id = call.IsError ? key : resultKey;
            counts[id] = (call.Name, counts.TryGetValue(id, out var seen) ? seen.Count + 1 : 1);
        }

        return Judge();
    }

    private bool ProgressReported()
    {
        if (progress is null)
        {
            return false;
        }

        var mark = progress.Mark;
        var moved = _mark is { } last && last != mark;
        _mark = mark;
        return moved;
    }

    private LoopVerdict Judge()
    {
        var failure = Worst(_failures);
        var repeat = Worst(_repeats);
        if (Reached(failure.Count, options.RepeatedFailureStop))
        {
            return Stop($"the call to '{failure.Name}' failed {Count(failure.Count)} times in a row with the same arguments");
        }

        if (Reached(repeat.Count, options.RepeatedCallStop))
        {
            return Stop($"the call to '{repeat.Name}' returned the same result {Count(repeat.Count)} times with the same arguments");
        }

        if (Reached(_idleSteps, options.NoProgressStop))
        {
            return Stop($"{Count(_idleSteps)} tool steps in a row brought no new call, result or progress");
        }

        if (Nudged)
        {
            return LoopVerdict.Continue;
        }

        string? nudge = null;
        if (Reached(failure.Count, options.RepeatedFailureNudge))
        {
            nudge = $"You have called '{failure.Name}' with the same arguments {Count(failure.Count)} times and it failed each time. Repeating it will not help.";
        }
        else if (Reached(repeat.Count, options.RepeatedCallNudge))
        {
            nudge = $"You have called '{repeat.Name}' with the same arguments {Count(repeat.Count)} times and got the same result each time.";
        }
        else if (Reached(_idleSteps, options.NoProgressNudge))
        {
            nudge = $"Your last {Count(_idleSteps)} tool steps only repeated earlier calls and results.";
        }

        if (nudge is null)
        {
            return LoopVerdict.Continue;
        }

        Nudged = true;
        return new LoopVerdict
        {
            Nudge = "[loop guard] " + nudge
                + " Change your approach (other arguments, another tool, another plan), or stop and tell the user what blocks you."
                + " If the loop goes on, the run will be stopped.",
        };
    }

    private static LoopVerdict Stop(string why) => new() { Stop = $"Loop detected: {why}. The session is saved; resume it with new instructions." };

    private static bool Reached(int count, int threshold) => threshold > 0 && count >= threshold;

    private static (string Name, int Count) Worst(Dictionary<string, (string Name, int Count)> counts)
    {
        var worst = (Name: "", Count: 0);
        foreach (var entry in counts.Values)
        {
            if (entry.Count > worst.Count)
            {
                worst = entry;
            }
        }

        return worst;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
