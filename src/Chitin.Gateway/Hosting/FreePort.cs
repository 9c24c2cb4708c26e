using System.Net;
using System.Net.Sockets;

namespace Chitin.Gateway.Hosting;

/// <summary>A free loopback TCP port for the silo's internal endpoint, so several gateways (and tests) run side by side.</summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
