namespace Chitin.Platform.Net;

/// <summary>A loopback TCP port that was free a moment ago, for listeners that must name their port up front.</summary>
public static class LoopbackPort
{
    public static int PickFree()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
