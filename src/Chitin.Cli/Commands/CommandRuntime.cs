namespace Chitin.Cli.Commands;

/// <summary>What every command shares in one invocation: the context, styled streams, config loading and errors.</summary>
public sealed class CommandRuntime
{
    private readonly Lock _gate = new();
    private readonly List<ExactSecret> _configuredSecrets = [];
    private StyledWriter? _error;
    private StyledWriter? _output;
    private SecretRedactor? _redactor;

    public CommandRuntime(CliContext context)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
    }

    public CliContext Context { get; }

    /// <summary>stderr: progress, warnings and errors.</summary>
    public StyledWriter Error => _error ??= new StyledWriter(Context.Error, Context.UseRichError, Context.Environment);

    /// <summary>stdout: results.</summary>
    public StyledWriter Output => _output ??= new StyledWriter(Context.Out, Context.UseRichOutput, Context.Environment);

    public ChitinPaths Paths => ChitinPaths.Resolve(Context);

    /// <summary>
    /// Hides secrets in tool results and in everything the CLI prints about errors: the values of the invocation's
    /// secret-looking environment variables, the configured provider key, and well-known token formats.
    /// </summary>
    public ISecretRedactor Redactor
    {
        get
        {
            lock (_gate)
            {
                return _redactor ??= new SecretRedactor([
                    .. SecretRedactor.ExactSecretsFrom(new Dictionary<string, string>(Context.Environment, StringComparer.Ordinal)),
                    .. _configuredSecrets]);
            }
        }
    }

    /// <summary>Loads configuration and prints its warnings to stderr. Throws <see cref="ConfigException"/>.</summary>
    public ChitinConfig LoadConfig(ConfigOverrides? overrides = null)
    {
        var config = ConfigLoader.Load(Context, overrides);
        if (config.Provider.ApiKey is { Length: >= SecretRedactor.MinimumExactSecretLength } key)
        {
            lock (_gate)
            {
                _configuredSecrets.Add(new ExactSecret(key, "provider-api-key"));
                _redactor = null;
            }
        }

        foreach (var warning in config.Warnings)
        {
            Error.Line($"[yellow]{Markup.Escape(Redactor.Redact(warning.Format("warning")))}[/]");
        }

        return config;
    }

    /// <summary>Prints a warning to stderr (redacted); safe to call from any thread.</summary>
    public void Warn(string message)
    {
        var text = Redactor.Redact(message);
        lock (_gate)
        {
            Error.Line($"[yellow]warning:[/] {Markup.Escape(text)}");
        }
    }

    /// <summary>Prints a notice to stderr (redacted), such as a skill drafted when a run stopped; safe to call from any thread.</summary>
    public void Inform(string message)
    {
        var text = Redactor.Redact(message);
        lock (_gate)
        {
            Error.Line(Markup.Escape(text));
        }
    }

    /// <summary>
    /// A command's outcome on stdout: <paramref name="value"/> as JSON with --json, else <paramref name="text"/> as a
    /// plain line. Returns <see cref="ExitCodes.Ok"/>.
    /// </summary>
    public int Print<T>(bool json, T value, JsonTypeInfo<T> type, string text)
    {
        if (json)
        {
            Context.Out.WriteLine(JsonSerializer.Serialize(value, type));
        }
        else
        {
            Output.Line(Markup.Escape(text));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// A listing on stdout: <paramref name="value"/> as JSON with --json; else a table of <paramref name="rows"/>, one
    /// row of <paramref name="cells"/> each, or <paramref name="whenEmpty"/> (plain text) on stderr when there are none.
    /// Returns <see cref="ExitCodes.Ok"/>.
    /// </summary>
    public int PrintTable<T, TRow>(
        bool json,
        T value,
        JsonTypeInfo<T> type,
        IReadOnlyCollection<TRow> rows,
        string whenEmpty,
        IReadOnlyList<string> headers,
        Func<TRow, IReadOnlyList<string>> cells,
        params int[] rightAligned)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (json)
        {
            Context.Out.WriteLine(JsonSerializer.Serialize(value, type));
        }
        else if (rows.Count == 0)
        {
            Error.Line(Markup.Escape(whenEmpty));
        }
        else
        {
            Output.Table(headers, rows.Select(cells), rightAligned);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Loads configuration with <see cref="LoadConfig"/>, or with <paramref name="load"/> when given; on a
    /// <see cref="ConfigException"/> prints it as <see cref="Fail(ConfigException)"/> does and returns false with its exit code.
    /// </summary>
    public bool TryLoadConfig([NotNullWhen(true)] out ChitinConfig? config, out int exitCode, Func<ChitinConfig>? load = null)
    {
        try
        {
            config = load is null ? LoadConfig() : load();
            exitCode = ExitCodes.Ok;
            return true;
        }
        catch (ConfigException ex)
        {
            config = null;
            exitCode = Fail(ex);
            return false;
        }
    }

    /// <summary>Prints an error to stderr (redacted) and returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string message)
    {
        Error.Line($"[red]error:[/] {Markup.Escape(Redactor.Redact(message))}");
        return exitCode;
    }

    /// <summary>Prints every issue of a configuration error and returns the usage exit code.</summary>
    public int Fail(ConfigException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var lines = error.Issues.Count > 0 ? error.Issues.Select(i => i.Format("error")) : [error.Message];
        foreach (var line in lines)
        {
            Error.Line($"[red]{Markup.Escape(Redactor.Redact(line))}[/]");
        }

        return ExitCodes.UsageError;
    }

    /// <summary>A cancellation token that fires on Ctrl-C / SIGTERM as well as on <paramref name="cancellationToken"/>.</summary>
    public CancellationTokenSource LinkInterrupts(CancellationToken cancellationToken) =>
        CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Context.Interrupts.Token);
}
