using System.Diagnostics;

namespace Chitin.Mcp.Conformance.Tests.Support;

/// <summary>The real <c>chitin mcp serve --http</c> as a child process, its endpoint read from the line it prints.</summary>
internal sealed class ChitinHttpServer : IAsyncDisposable
{
    private readonly Process _process;

    private ChitinHttpServer(Process process, Uri endpoint, string token)
    {
        _process = process;
        Endpoint = endpoint;
        Token = token;
    }

    public Uri Endpoint { get; }

    public string Token { get; }

    public static async Task<ChitinHttpServer> StartAsync(string chitinHome, string workspace)
    {
        var start = new ProcessStartInfo(ConformanceSuite.DotnetHost)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var argument in new[] { ConformanceSuite.ChitinDll, "mcp", "serve", "--http" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CHITIN_HOME"] = chitinHome;
        var process = Process.Start(start)!;
        var serving = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                serving.TrySetException(new InvalidOperationException($"chitin mcp serve --http exited before serving: {stderr}"));
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            const string marker = "serving MCP (Streamable HTTP) at ";
            if (e.Data.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0)
            {
                serving.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Split(';')[0]));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var endpoint = await serving.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var token = (await File.ReadAllTextAsync(Path.Combine(chitinHome, "gateway", "token"))).Trim();
        return new ChitinHttpServer(process, endpoint, token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
