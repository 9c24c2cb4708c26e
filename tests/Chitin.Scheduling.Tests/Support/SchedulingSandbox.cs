using System.Threading.Channels;
using Chitin.Cli;
using Chitin.Cli.Hosting;
using Chitin.Core.Safety;
using Chitin.Hosting;
using Chitin.Hosting.Configuration;
using Chitin.Scheduling.Cron;
using Chitin.Scheduling.Running;
using Chitin.Scheduling.Storage;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.Time.Testing;

namespace Chitin.Scheduling.Tests.Support;

/// <summary>
/// A private CHITIN_HOME and workspace, the scripted model server over real HTTP, a fake clock, and when asked a
/// real <see cref="ChitinHost"/> with a <see cref="CronScheduler"/> over the real chitin.db. Memory, skills and
/// checkpoints are off, so each cron run is exactly one model request.
/// </summary>
public sealed class SchedulingSandbox : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Channel<CronRun> _runs = Channel.CreateUnbounded<CronRun>();
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private ChitinHost? _host;
    private AgentSafety? _safety;

    private SchedulingSandbox(ScriptedModelServer server, DateTimeOffset start)
    {
        Server = server;
        Clock = new FakeTimeProvider(start);
        Root = Directory.CreateTempSubdirectory("chitin-sched-test-").FullName;
        Home = Path.Combine(Root, "home");
        Workspace = Path.Combine(Root, "workspace");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Workspace);
        File.WriteAllText(Path.Combine(Home, "config.json"), """{ "memory": { "enabled": false }, "skills": { "enabled": false }, "checkpoints": { "enabled": false } }""");
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CHITIN_HOME"] = Home,
            ["HOME"] = Root,
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["OPENAI_BASE_URL"] = server.BaseUrl + "/v1",
            ["CHITIN_MODEL"] = server.Models[0],
        };
        Store = CronJobStore.Open(DatabaseFile);
    }

    public ScriptedModelServer Server { get; }

    public FakeTimeProvider Clock { get; }

    public string Root { get; }

    public string Home { get; }

    public string Workspace { get; }

    public Dictionary<string, string> Environment { get; }

    public string DatabaseFile => Path.Combine(Home, "chitin.db");

    public CronJobStore Store { get; }

    public int ChatRequests => Server.Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    public static async Task<SchedulingSandbox> StartAsync(ModelScript script, DateTimeOffset start) =>
        new(await ScriptedModelServer.StartAsync(script), start);

    /// <summary>Answers every request with <paramref name="text"/>.</summary>
    public static Task<SchedulingSandbox> StartAsync(DateTimeOffset start, string text = "scheduled answer") =>
        StartAsync(ModelScript.FromResponder(_ => ScriptStep.Text(text)), start);

    /// <summary>Starts a real host and the scheduler's loop on the fake clock.</summary>
    public async Task StartSchedulerAsync()
    {
        var context = new HostContext { Environment = Environment, WorkingDirectory = Workspace, Time = Clock };
        var config = ConfigLoader.Load(context);
        _safety = AgentSafety.Create(context, config, new PermissionFlags(), NoRedaction.Instance, static _ => { });
        _host = await ChitinHost.StartAsync(config, HostOptions.From(context, _safety, config.RequireModel()), CancellationToken.None);
        var runner = new CronJobRunner(Store, new HostConversationDispatcher(_host, config.RequireModel(), Workspace), messenger: null, Clock);
        var scheduler = new CronScheduler(Store, runner, Clock, run => _runs.Writer.TryWrite(run));
        _stop = new CancellationTokenSource();
        // Called directly: the loop subscribes and watches before this returns, so nothing added afterwards is missed.
        _loop = scheduler.RunAsync(_stop.Token);
    }

    /// <summary>The next run-log row the scheduler reports (a finished run or a skipped due time).</summary>
    public async Task<CronRun> NextRunAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        return await _runs.Reader.ReadAsync(patience.Token);
    }

    /// <summary>Moves the fake clock to <paramref name="instant"/> and returns the run it causes.</summary>
    public Task<CronRun> AdvanceToAsync(DateTimeOffset instant)
    {
        Clock.SetUtcNow(instant);
        return NextRunAsync();
    }

    public bool HasPendingRun => _runs.Reader.TryPeek(out _);

    /// <summary>Runs chitin in this process with this sandbox's environment and clock.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            Environment = Environment,
            WorkingDirectory = Workspace,
            Time = Clock,
        };
        var exit = await ChitinCli.RunAsync(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
            await _loop!;
            _stop.Dispose();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _safety?.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
