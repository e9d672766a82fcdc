using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace Quartiersnetz.IntegrationTests.Infrastructure;

/// <summary>A message as the SMTP server received it: the envelope recipients and the parsed MIME message.</summary>
public sealed record CapturedMail(IReadOnlyList<string> EnvelopeRecipients, MimeMessage Message, DateTime ReceivedAtUtc);

/// <summary>
/// A real SMTP server inside the test process, on a free port of 127.0.0.1. It keeps every message it
/// accepts. It can be stopped (connections are then refused, as with a mail server that is down) and
/// started again on the same port.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<CapturedMail> _messages = [];
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    private SmtpTestServer(int port) => Port = port;

    public const string Host = "127.0.0.1";

    /// <summary>Recipients whose local part starts with this are refused for good (550), like an unknown mailbox.</summary>
    public const string RefusedPrefix = "unbekannt-";

    public int Port { get; }

    public bool IsRunning => _server is not null;

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<CapturedMail> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>A server on a free port, already listening.</summary>
    public static SmtpTestServer StartOnFreePort()
    {
        var server = new SmtpTestServer(FreePort());
        server.Start();
        return server;
    }

    /// <summary>Starts (again) on the same port and returns once it accepts connections.</summary>
    public void Start()
    {
        if (_server is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.quartiersnetz.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CapturingStore(this));
        services.Add(new RefusingMailboxFilter());
        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        // On the thread pool, so that no test synchronisation context ever waits for the listening loop.
        var running = Task.Run(() => server.StartAsync(stop.Token));
        _server = server;
        _stop = stop;
        _running = running;

        // The listening socket opens shortly after StartAsync; wait until a connection is accepted.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !running.IsCompleted)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Stops listening; until <see cref="Start"/>, connections are refused.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
            // The expected end of the listening loop.
        }

        _stop.Dispose();
        _server = null;
        _stop = null;
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Capture(CapturedMail mail)
    {
        lock (_gate)
        {
            _messages.Add(mail);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class RefusingMailboxFilter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox @from, CancellationToken cancellationToken) =>
            Task.FromResult(!to.User.StartsWith(RefusedPrefix, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingStore(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            owner.Capture(new CapturedMail(recipients, message, DateTime.UtcNow));
            return SmtpResponse.Ok;
        }
    }
}
