namespace Chitin.Security.Hooks;

/// <summary>
/// Runs the configured hook commands of an event, in order, and combines their answers. Each hook gets the
/// <see cref="HookRequest"/> as snake_case JSON on stdin (nothing else: no provider keys) and answers on stdout
/// with <c>{"decision":"allow|deny|continue","reason":"...","arguments":{...}}</c> (empty stdout = continue), or
/// exits with code 2 to deny with stderr as the reason. A deny ends the run at once; allow beats continue;
/// argument rewrites apply in order, each hook seeing the arguments as rewritten so far. A hook that fails (other
/// exit code, invalid answer, crash, timeout) denies for before_tool and user_prompt and is reported through
/// <see cref="CommandHooksOptions.Warning"/> and skipped for the other events.
/// </summary>
public sealed class CommandHooks : IAgentHooks
{
    private readonly HookDefinition[] _hooks;
    private readonly CommandHooksOptions _options;
    private readonly HookProcessRunner _runner;

    public CommandHooks(IEnumerable<HookDefinition> hooks, CommandHooksOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        _hooks = [.. hooks];
        _options = options ?? new CommandHooksOptions();
        _runner = new HookProcessRunner(_options);
    }

    public IReadOnlyList<HookDefinition> Hooks => _hooks;

    public async ValueTask<HookOutcome> RunAsync(HookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = request;
        JsonElement? rewritten = null;
        var verdict = HookVerdict.Continue;
        string? reason = null;
        foreach (var hook in _hooks)
        {
            if (hook.Event != request.Event || !hook.AppliesTo(request.ToolName))
            {
                continue;
            }

            var run = await _runner.RunAsync(hook, current, cancellationToken).ConfigureAwait(false);
            var answer = Interpret(hook, run, out var failure);
            if (answer is null)
            {
                var message = $"{hook.Describe()} failed: {failure}";
                if (HookEventNames.FailsClosed(request.Event))
                {
                    return new HookOutcome(HookVerdict.Deny, message);
                }

                _options.Warning?.Invoke(message);
                continue;
            }

            if (answer.Verdict == HookVerdict.Deny)
            {
                return new HookOutcome(HookVerdict.Deny, answer.Reason ?? $"denied by {hook.Describe()}");
            }

            if (answer.RewrittenArguments is { } arguments && request.Event == HookEvent.BeforeTool)
            {
                rewritten = arguments;
                current = current with { Arguments = arguments };
            }

            if (answer.Verdict == HookVerdict.Allow)
            {
                verdict = HookVerdict.Allow;
                reason = answer.Reason ?? reason;
            }
        }

        return verdict == HookVerdict.Continue && rewritten is null
            ? HookOutcome.Continue
            : new HookOutcome(verdict, reason, rewritten);
    }

    /// <returns>The hook's answer, or null with <paramref name="failure"/> saying why there is none.</returns>
    private static HookOutcome? Interpret(HookDefinition hook, HookRun run, out string? failure)
    {
        failure = run.Failure;
        if (failure is not null)
        {
            return null;
        }

        if (run.ExitCode == 2)
        {
            var stderr = run.Stderr.Trim();
            return new HookOutcome(HookVerdict.Deny, stderr.Length > 0 ? stderr : $"denied by {hook.Describe()} (exit code 2)");
        }

        if (run.ExitCode != 0)
        {
            var stderr = run.Stderr.Trim();
            failure = stderr.Length > 0 ? $"exit code {run.ExitCode}: {FirstLine(stderr)}" : $"exit code {run.ExitCode}";
            return null;
        }

        var stdout = run.Stdout.Trim();
        if (stdout.Length == 0)
        {
            return HookOutcome.Continue;
        }

        HookResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(stdout, SecurityJsonContext.Default.HookResponse);
        }
        catch (JsonException ex)
        {
            failure = $"its output is not valid JSON ({ex.Message}): {FirstLine(stdout)}";
            return null;
        }

        if (response is null)
        {
            failure = "its output is JSON null, not {\"decision\": ...}";
            return null;
        }

        HookVerdict? verdict = response.Decision switch
        {
            null or "continue" => HookVerdict.Continue,
            "allow" => HookVerdict.Allow,
            "deny" => HookVerdict.Deny,
            _ => null,
        };
        if (verdict is null)
        {
            failure = $"unknown decision \"{response.Decision}\" (use allow, deny or continue)";
            return null;
        }

        if (response.Arguments is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            failure = "\"arguments\" must be a JSON object";
            return null;
        }

        var arguments = response.Arguments is { ValueKind: JsonValueKind.Object } a ? a.Clone() : (JsonElement?)null;
        return new HookOutcome(verdict.Value, string.IsNullOrWhiteSpace(response.Reason) ? null : response.Reason, arguments);
    }

    private static string FirstLine(string text)
    {
        var line = text.AsSpan();
        var newline = line.IndexOfAny('\r', '\n');
        if (newline >= 0)
        {
            line = line[..newline];
        }

        return line.Length > 200 ? string.Concat(line[..197], "...") : line.ToString();
    }
}
