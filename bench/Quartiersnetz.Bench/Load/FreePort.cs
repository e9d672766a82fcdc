using System.Net;
using System.Net.Sockets;

namespace Quartiersnetz.Bench.Load;

internal static class FreePort
{
    /// <summary>A port the system just gave out as free; another process may take it first, so callers retry.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
