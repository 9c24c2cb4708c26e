using Chitin.Hosting;
using Chitin.Testing.Server;

namespace Chitin.WebUi.Tests;

/// <summary>The host context of a test gateway: its own CHITIN_HOME and workspace under a temp root, the scripted model as provider.</summary>
public static class WebUiContext
{
    /// <summary>A provider key the Settings page must mask.</summary>
    public const string ProviderKey = "sk-webui-test-0123456789abcdefghij";

    /// <summary>write_file asks (so a test can approve it from the page); the key is there to be masked.</summary>
    public const string UserConfig = $$"""
        {
          "provider": { "apiKey": "{{ProviderKey}}" },
          "permissions": { "ask": ["write_file"] }
        }
        """;

    public static HostContext Create(string root, ScriptedModelServer model)
    {
        var home = Path.Combine(root, "home");
        var workspace = Path.Combine(root, "workspace");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(workspace);
        File.WriteAllText(Path.Combine(home, "config.json"), UserConfig);
        return new HostContext { Environment = Environment(root, model), WorkingDirectory = workspace };
    }

    /// <summary>The variables the gateway and a `chitin run` child share.</summary>
    public static Dictionary<string, string> Environment(string root, ScriptedModelServer model) => new(StringComparer.Ordinal)
    {
        ["CHITIN_HOME"] = Path.Combine(root, "home"),
        ["HOME"] = root,
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
        ["CHITIN_MODEL"] = model.Models[0],
    };
}
