namespace Chitin.Testing.Scripting;

/// <summary>
/// The answers of the scripted model: either a fixed list of steps consumed one per successful request, or a
/// responder that computes each answer from the request. Thread-safe.
/// </summary>
public sealed class ModelScript
{
    private readonly ScriptStep[]? _steps;
    private readonly Func<ScriptRequest, ScriptStep>? _responder;
    private readonly Lock _gate = new();
    private int _consumed;

    private ModelScript(ScriptStep[]? steps, Func<ScriptRequest, ScriptStep>? responder, string? model)
    {
        _steps = steps;
        _responder = responder;
        Model = model;
    }

    /// <summary>The model id a script file names; the server lists it when its options name no models.</summary>
    public string? Model { get; }

    /// <summary>How many steps a fixed script has; null for a responder.</summary>
    public int? StepCount => _steps?.Length;

    /// <summary>How many steps (or responder answers) successful requests have consumed so far.</summary>
    public int StepsConsumed
    {
        get
        {
            lock (_gate)
            {
                return _consumed;
            }
        }
    }

    /// <summary>A script that answers requests with <paramref name="steps"/>, in order, one per successful request.</summary>
    public static ModelScript FromSteps(params ScriptStep[] steps) => FromSteps(steps, model: null);

    /// <summary>A script that computes every answer from the request; the responder may be called concurrently.</summary>
    public static ModelScript FromResponder(Func<ScriptRequest, ScriptStep> responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        return new ModelScript(null, responder, null);
    }

    /// <summary>
    /// Reads a script file: <c>{"model":"scripted-model","steps":[{"text":"…"},{"text":"optional","tool_calls":[{"name":"run_shell","arguments":{"command":"ls"}}]},{"error":{"status":500,"message":"…"}}]}</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid script; the message names the file, the place and the problem.</exception>
    public static ModelScript LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Script file '{fullPath}' does not exist.", fullPath);
        }

        return Parse(File.ReadAllText(fullPath), $"Script file '{fullPath}'");
    }

    /// <summary>Parses script JSON (the <see cref="LoadFile"/> format); <paramref name="sourceName"/> starts every error message.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid script.</exception>
    public static ModelScript Parse(string json, string sourceName = "Script")
    {
        ArgumentNullException.ThrowIfNull(json);
        var (model, steps) = ScriptFileReader.Read(json, sourceName);
        return FromSteps(steps, model);
    }

    /// <summary>
    /// A responder that does a small realistic task with the tools list_dir, write_file, run_shell and read_file,
    /// one per request, and then answers with a summary that quotes what the tools returned.
    /// </summary>
    public static ModelScript Demo() => FromResponder(DemoResponder.Respond);

    /// <summary>
    /// Produces the answer to <paramref name="request"/>. With <paramref name="consume"/> false a fixed script does
    /// not advance, so the next request gets the same step (used when a fault swallows the answer).
    /// </summary>
    internal ScriptAnswer Answer(ScriptRequest request, bool consume)
    {
        if (_responder is not null)
        {
            return AnswerWithResponder(request, consume);
        }

        lock (_gate)
        {
            if (_consumed >= _steps!.Length)
            {
                return ScriptAnswer.Failed($"scripted model: script exhausted after {_steps.Length} steps");
            }

            var step = _steps[_consumed];
            if (consume)
            {
                _consumed++;
            }

            return ScriptAnswer.Of(step);
        }
    }

    private static ModelScript FromSteps(ScriptStep[] steps, string? model)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (Array.Exists(steps, step => step is null))
        {
            throw new ArgumentException("A script step is null.", nameof(steps));
        }

        return new ModelScript(steps.ToArray(), null, model);
    }

    private ScriptAnswer AnswerWithResponder(ScriptRequest request, bool consume)
    {
        ScriptStep? step;
        try
        {
            step = _responder!(request);
        }
        catch (Exception exception)
        {
            // Any responder failure becomes an HTTP 500 the client can read, never a dead connection.
            return ScriptAnswer.Failed($"scripted model: the responder threw {exception.GetType().Name}: {exception.Message}");
        }

        if (step is null)
        {
            return ScriptAnswer.Failed("scripted model: the responder returned no step (null)");
        }

        if (consume)
        {
            lock (_gate)
            {
                _consumed++;
            }
        }

        return ScriptAnswer.Of(step);
    }
}
