using Chitin.Cli.Hosting;
using Chitin.Hosting;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Server;

namespace Chitin.Cli.Tests.Support;

/// <summary>
/// A private CHITIN_HOME, workspace and environment for one test. Nothing touches the test process's own
/// environment, so tests run in parallel. Deleted on dispose.
/// </summary>
public sealed class CliSandbox : IDisposable
{
    private static readonly TimeSpan InProcessDeadline = TimeSpan.FromSeconds(90);

    public CliSandbox()
    {
        Root = Directory.CreateTempSubdirectory("chitin-cli-test-").FullName;
        Home = Path.Combine(Root, "home");
        Workspace = Path.Combine(Root, "workspace");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Workspace);
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CHITIN_HOME"] = Home,
            ["HOME"] = Root,
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        };
    }

    public string Root { get; }

    public string Home { get; }

    public string Workspace { get; }

    public Dictionary<string, string> Environment { get; }

    public string DatabaseFile => Path.Combine(Home, "chitin.db");

    public string UserConfigFile => Path.Combine(Home, "config.json");

    public string ProjectConfigFile => Path.Combine(Workspace, ".chitin", "config.json");

    /// <summary>Points the OpenAI-compatible provider and the default model at <paramref name="server"/>.</summary>
    public CliSandbox UseServer(ScriptedModelServer server, string? model = null)
    {
        Environment["OPENAI_BASE_URL"] = server.BaseUrl + "/v1";
        Environment["CHITIN_MODEL"] = model ?? server.Models[0];
        return this;
    }

    public void WriteUserConfig(string json) => File.WriteAllText(UserConfigFile, json);

    public void WriteProjectConfig(string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ProjectConfigFile)!);
        File.WriteAllText(ProjectConfigFile, json);
    }

    /// <summary>Records trust in the workspace for its project config as it is now, as 'chitin trust' would.</summary>
    public void TrustWorkspace()
    {
        var bytes = File.Exists(ProjectConfigFile) ? File.ReadAllBytes(ProjectConfigFile) : null;
        var hash = bytes is null ? null : Chitin.Hosting.Trust.TrustResolver.Sha256(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes);
        new Chitin.Hosting.Trust.TrustStore(Home).Trust(Chitin.Hosting.Trust.TrustResolver.RealFolder(Workspace), hash, DateTimeOffset.UtcNow);
    }

    /// <summary>Runs 'chitin trust' for the workspace (its project config as it is now) and fails the test if it does not succeed.</summary>
    public async Task TrustWorkspaceAsync()
    {
        var result = await RunAsync("trust");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("chitin trust failed: " + result);
        }
    }

    public CliContext Context(TextWriter output, TextWriter error, TextReader? input = null, InterruptSource? interrupts = null) => new()
    {
        Out = output,
        Error = error,
        In = input ?? TextReader.Null,
        Environment = Environment,
        WorkingDirectory = Workspace,
        Interrupts = interrupts ?? new InterruptSource(),
    };

    /// <summary>Runs chitin in this process: fast, same code path as the real program after argument parsing.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public async Task<CliResult> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        using var deadline = new CancellationTokenSource(InProcessDeadline);
        var exit = await ChitinCli.RunAsync(args, Context(output, error, input), deadline.Token);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Starts the built chitin as a child process with exactly this sandbox's environment.</summary>
    public ChitinProcess Start(params string[] args) => ChitinProcess.Start(args, Environment, Workspace);

    public async Task<CliResult> RunProcessAsync(params string[] args)
    {
        using var process = Start(args);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return new CliResult(exit, process.Stdout, process.Stderr);
    }

    public Task<SqliteChitinStore> OpenStoreAsync() => SqliteChitinStore.OpenAsync(DatabaseFile, CancellationToken.None);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still hold a file for a moment; the OS temp cleaner gets the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
