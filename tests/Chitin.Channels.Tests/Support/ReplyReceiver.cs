using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Chitin.Channels.Tests.Support;

/// <summary>A real HTTP endpoint on loopback that receives the webhook channel's replies; it can fail the first attempts.</summary>
public sealed class ReplyReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _failuresLeft;

    public ReplyReceiver(int failFirst = 0)
    {
        _failuresLeft = failFirst;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/replies/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Accepted replies: headers and body.</summary>
    public BlockingCollection<(Dictionary<string, string> Headers, string Body)> Received { get; } = [];

    private int _attempts;

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        Received.Dispose();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _attempts);
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
                Received.Add((headers, body));
                context.Response.StatusCode = 200;
            }

            context.Response.Close();
        }
    }
}
