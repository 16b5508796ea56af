using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IbtDialogue.Tests.Support;

/// <summary>A real SMTP server on a loopback port that keeps what it receives, for tests that read the app's mail.</summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;
    private readonly Store store = new();

    private SmtpReceiver(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stopping.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Received => store.Messages;

    /// <summary>The settings that point the app's mail here (no TLS on loopback).</summary>
    public IEnumerable<KeyValuePair<string, string?>> AppSettings =>
    [
        new("Mail:Host", "127.0.0.1"),
        new("Mail:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:Security", "None"),
        new("Mail:From", "lerende-dialogen@test.example"),
    ];

    public static SmtpReceiver Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpReceiver(port);
    }

    /// <summary>Waits for a mail to this address and answers it.</summary>
    public async Task<MimeMessage> WaitForAsync(string to)
    {
        MimeMessage? found = null;
        await Eventually.TrueAsync(
            () => (found = store.Messages.LastOrDefault(m => m.To.Mailboxes.Any(b => b.Address == to))) is not null,
            $"a mail to {to} arrives");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> messages = new();

        public IReadOnlyCollection<MimeMessage> Messages => messages;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
