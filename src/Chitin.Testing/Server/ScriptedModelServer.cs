namespace Chitin.Testing.Server;

/// <summary>
/// The stand-in for the model: a real HTTP server on 127.0.0.1 that speaks the OpenAI Chat Completions and
/// Anthropic Messages wire formats, answers from a <see cref="ModelScript"/>, reports usage from a simulated
/// prefix cache, injects <see cref="Faults"/> and records every request.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly RequestRecorder _recorder;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private ScriptedModelServer(WebApplication app, RequestRecorder recorder, CancellationTokenSource stopping, ModelScript script, FaultQueue faults, IReadOnlyList<string> models)
    {
        _app = app;
        _recorder = recorder;
        _stopping = stopping;
        Script = script;
        Faults = faults;
        Models = models;
        BaseUrl = app.Urls.First().TrimEnd('/');
        Port = new Uri(BaseUrl).Port;
    }

    /// <summary>
    /// <c>http://127.0.0.1:PORT</c>, no trailing slash. OpenAI-compatible clients use <c>BaseUrl + "/v1"</c>,
    /// Anthropic clients use <c>BaseUrl</c>.
    /// </summary>
    public string BaseUrl { get; }

    public int Port { get; }

    /// <summary>The model ids the server lists.</summary>
    public IReadOnlyList<string> Models { get; }

    public ModelScript Script { get; }

    /// <summary>Faults applied to the next chat requests, one each, in order.</summary>
    public FaultQueue Faults { get; }

    /// <summary>A snapshot of every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _recorder.Snapshot();

    /// <summary>Starts a server that answers from <paramref name="script"/>.</summary>
    /// <exception cref="InvalidOperationException">The port cannot be used.</exception>
    public static async Task<ScriptedModelServer> StartAsync(ModelScript script, ScriptedModelServerOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        options ??= new ScriptedModelServerOptions();
        options.Validate();
        PromptTokenizer.WarmUpInBackground();

        var models = options.Models?.ToArray() ?? [script.Model ?? ScriptedModelServerOptions.DefaultModel];
        var faults = new FaultQueue();
        var recorder = new RequestRecorder(options.MaxRecordedRequests);
        var accountant = new PromptAccountant(options.CacheBlockTokens, options.MinCacheableTokens, options.CacheHistoryPerModel, options.PromptCaching && options.Persona?.PromptCaching != false);
        var stopping = new CancellationTokenSource();
        var chat = new ChatHandler(script, options.Persona is { } persona ? new Personas.PersonaBehaviour(persona) : null, faults, recorder, accountant, models, options, stopping.Token);
        var router = new RequestRouter(chat, recorder, models);

        var app = Build(options);
        app.Run(router.HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw new InvalidOperationException(
                $"scripted model server: cannot listen on 127.0.0.1:{options.Port}: {exception.Message} Choose another port, or 0 for a free one.",
                exception);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        return new ScriptedModelServer(app, recorder, stopping, script, faults, models);
    }

    /// <summary>Stops Kestrel: in-flight answers are cut short, open connections closed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static WebApplication Build(ScriptedModelServerOptions options)
    {
        // The empty builder reads no appsettings.json or environment: the server behaves the same in any folder.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ScriptedModelServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddSingleton<IHostLifetime, DetachedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is not null)
        {
            builder.Services.AddSingleton(options.LoggerFactory);
        }

        return builder.Build();
    }
}
