using Chitin.Hosting;
using Chitin.Testing.Server;

namespace Chitin.Hosting.Tests;

/// <summary>A private workspace and one CHITIN_HOME per host for one test; deleted on dispose.</summary>
public sealed class HostFolder : IDisposable
{
    public HostFolder()
    {
        Root = Directory.CreateTempSubdirectory("chitin-hosting-test-").FullName;
        Workspace = Path.Combine(Root, "workspace");
        Directory.CreateDirectory(Workspace);
    }

    public string Root { get; }

    public string Workspace { get; }

    /// <summary>The environment of a host whose CHITIN_HOME is <paramref name="home"/>, talking to <paramref name="server"/>.</summary>
    public Dictionary<string, string> Environment(string home, ScriptedModelServer server)
    {
        var path = Path.Combine(Root, home);
        Directory.CreateDirectory(path);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CHITIN_HOME"] = path,
            ["HOME"] = Root,
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["OPENAI_BASE_URL"] = server.BaseUrl + "/v1",
            ["CHITIN_MODEL"] = server.Models[0],
        };
    }

    public HostContext Gateway(Dictionary<string, string> environment) => new() { Environment = environment, WorkingDirectory = Workspace };

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
