using System.Net.Http.Headers;
using Chitin.Gateway.Hosting;
using Chitin.Hosting;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Gateway.Tests;

/// <summary>A scripted model server and a real gateway on loopback port 0, each test with its own CHITIN_HOME.</summary>
public sealed class GatewayFixture : IAsyncDisposable
{
    private GatewayFixture(string root, ScriptedModelServer model, RunningGateway gateway)
    {
        Root = root;
        Model = model;
        Gateway = gateway;
        Client = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(60) };
        if (gateway.Token is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Token);
        }
    }

    public string Root { get; }

    public ScriptedModelServer Model { get; }

    public RunningGateway Gateway { get; }

    /// <summary>Sends the token.</summary>
    public HttpClient Client { get; }

    public string Home => Path.Combine(Root, "home");

    public static async Task<GatewayFixture> StartAsync(ModelScript script, string? userConfig = null, int? port = 0, string? bind = null, IReadOnlyDictionary<string, string>? environment = null, TimeProvider? time = null)
    {
        var root = Directory.CreateTempSubdirectory("chitin-gateway-test-").FullName;
        ScriptedModelServer? model = null;
        try
        {
            model = await ScriptedModelServer.StartAsync(script);
            var context = Context(root, model, userConfig, environment);
            if (time is not null)
            {
                context = new HostContext { Environment = context.Environment, WorkingDirectory = context.WorkingDirectory, Time = time };
            }

            var gateway = await GatewayApp.StartAsync(new GatewayLaunch { Context = context, Port = port, Bind = bind }, CancellationToken.None);
            return new GatewayFixture(root, model, gateway);
        }
        catch
        {
            if (model is not null)
            {
                await model.DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>The host context of a gateway whose CHITIN_HOME is under <paramref name="root"/>, talking to <paramref name="model"/>.</summary>
    public static HostContext Context(string root, ScriptedModelServer model, string? userConfig, IReadOnlyDictionary<string, string>? extra = null)
    {
        var home = Path.Combine(root, "home");
        var workspace = Path.Combine(root, "workspace");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(workspace);
        if (userConfig is not null)
        {
            File.WriteAllText(Path.Combine(home, "config.json"), userConfig);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CHITIN_HOME"] = home,
            ["HOME"] = root,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
            ["CHITIN_MODEL"] = model.Models[0],
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return new HostContext { Environment = environment, WorkingDirectory = workspace };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        await Model.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
