using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Tools.Tests.Support;

/// <summary>A real temporary folder holding a workspace and a sibling folder outside it; deleted on dispose.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Base = Path.Combine(Path.GetTempPath(), "chitin-tools-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Base, "ws");
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        Context = new ToolContext(Root, "session-1", Path.Combine(Base, "artifacts"));
    }

    public string Base { get; }

    public string Root { get; }

    public string Outside { get; }

    public ToolContext Context { get; set; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Write(string relative, string content) => WriteBytes(relative, Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string relative, byte[] content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public async Task<ToolResult> InvokeAsync(ITool tool, string argumentsJson, CancellationToken cancellationToken = default) =>
        await InvokeAsync(tool, JsonElement.Parse(argumentsJson), cancellationToken);

    public async Task<ToolResult> InvokeAsync(ITool tool, JsonElement arguments, CancellationToken cancellationToken = default) =>
        await tool.InvokeAsync(new ToolInvocation("call-1", tool.Name, arguments, Context), cancellationToken);

    /// <summary>Runs a real helper program (mkfifo, ln, ...) and fails the test when it fails.</summary>
    public static void Run(string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
