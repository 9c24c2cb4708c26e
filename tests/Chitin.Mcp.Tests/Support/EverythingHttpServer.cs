using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Chitin.Mcp.Tests.Support;

/// <summary>server-everything in Streamable HTTP mode on a free 127.0.0.1 port, stopped on dispose.</summary>
internal sealed class EverythingHttpServer : IAsyncDisposable
{
    private readonly Process _process;

    private EverythingHttpServer(Process process, int port)
    {
        _process = process;
        Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/mcp"));
    }

    public Uri Url { get; }

    public static async Task<EverythingHttpServer> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(NpmServers.Node)
        {
            ArgumentList = { NpmServers.Everything, "streamableHttp" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new List<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderr)
            {
                stderr.Add(e.Data);
            }

            if (e.Data.Contains("listening on port", StringComparison.OrdinalIgnoreCase))
            {
                listening.TrySetResult();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("server-everything exited: " + string.Join(" | ", stderr)));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new EverythingHttpServer(process, port);
        try
        {
            await listening.Task.Within();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().Within();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
