using System.Net;
using System.Net.Sockets;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// A TCP relay between test clients and the server that can cut every connection at once and refuse new
/// ones for a while: a network drop, as a laptop or a municipal Wi-Fi produces it.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private int refused;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private IPEndPoint target;
    private readonly List<TcpClient> open = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private volatile bool refusing;

    public TcpProxy(Uri server)
    {
        target = new IPEndPoint(IPAddress.Parse(server.Host), server.Port);
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Address(string path) => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}{path}");

    /// <summary>Closes every relayed connection; with <paramref name="refuseNew"/> new ones are closed at once until <see cref="Heal"/>.</summary>
    public void Cut(bool refuseNew)
    {
        refusing = refuseNew;
        lock (open)
        {
            foreach (var client in open)
            {
                client.Close();
            }

            open.Clear();
        }
    }

    public void Heal() => refusing = false;

    /// <summary>How many connections were refused while cut: each is a client trying to come back.</summary>
    public int Refused => Volatile.Read(ref refused);

    /// <summary>Sends new connections to another server (the same app after a restart on another port).</summary>
    public void Retarget(Uri server) => target = new IPEndPoint(IPAddress.Parse(server.Host), server.Port);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (refusing)
            {
                Interlocked.Increment(ref refused);
                inbound.Close();
                continue;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(target, stopping.Token);
            }
            catch (SocketException)
            {
                // The server is down (being restarted): the client sees a refused connection and retries.
                inbound.Close();
                outbound.Dispose();
                continue;
            }
            catch (OperationCanceledException)
            {
                inbound.Close();
                outbound.Dispose();
                return;
            }

            lock (open)
            {
                open.Add(inbound);
                open.Add(outbound);
            }

            _ = RelayAsync(inbound, outbound);
            _ = RelayAsync(outbound, inbound);
        }
    }

    private async Task RelayAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), stopping.Token);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The other side went away, or we cut it: that is the point.
        }
        finally
        {
            from.Close();
            to.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut(refuseNew: true);
        await accepting;
        stopping.Dispose();
    }
}
