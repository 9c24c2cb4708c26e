using Chitin.Core.Safety;
using Chitin.Core.Permissions;
using Chitin.Hosting;
using Chitin.Hosting.Configuration;
using Chitin.Testing.Server;

namespace Chitin.Channels.Tests.Support;

/// <summary>A private CHITIN_HOME and workspace for one test, and a host on the scripted model server; deleted on dispose.</summary>
public sealed class ChannelFolder : IDisposable
{
    public ChannelFolder()
    {
        Root = Directory.CreateTempSubdirectory("chitin-channels-test-").FullName;
        Home = Path.Combine(Root, "home");
        Workspace = Path.Combine(Root, "workspace");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Workspace);
    }

    public string Root { get; }

    public string Home { get; }

    public string Workspace { get; }

    public string Database => Path.Combine(Home, "chitin.db");

    public HostContext Context(ScriptedModelServer server) => new()
    {
        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CHITIN_HOME"] = Home,
            ["HOME"] = Root,
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["OPENAI_BASE_URL"] = server.BaseUrl + "/v1",
            ["CHITIN_MODEL"] = server.Models[0],
        },
        WorkingDirectory = Workspace,
    };

    /// <summary>A host built the way the gateway builds one, with <paramref name="approver"/> deciding tool calls (all allowed when null).</summary>
    public async Task<(ChitinHost Host, RunnerDispatcher Dispatcher, AgentSafety Safety)> StartHostAsync(ScriptedModelServer server, IToolApprover? approver = null)
    {
        var context = Context(server);
        var config = ConfigLoader.Load(context);
        var safety = AgentSafety.Create(context, config, new PermissionFlags { Yes = true }, NoRedaction.Instance, _ => { });
        var options = HostOptions.From(context, safety, config.RequireModel());
        if (approver is not null)
        {
            options = options with { Approver = approver };
        }

        var host = await ChitinHost.StartAsync(config, options, CancellationToken.None);
        return (host, new RunnerDispatcher(host, config.RequireModel(), Workspace), safety);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
