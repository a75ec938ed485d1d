using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CrossSellCrm.Tests.Support;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer library: ESMTP, STARTTLS with a self-signed certificate, AUTH),
/// started by the tests. The app delivers to it with MailKit over TCP, exactly as to a production server; the tests read
/// what arrived, parsed by MimeKit. <see cref="Refuse"/> makes it answer like a real server that says no.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string UserName = "crm-mailer";
    public const string Password = "smtp-secret-9f3a";

    /// <summary>The test run's server, started on first use; a test tells its mails apart by their Message-IDs or recipients.</summary>
    public static SmtpTestServer Shared => LazyShared.Value;
    private static readonly Lazy<SmtpTestServer> LazyShared = new(() => new SmtpTestServer());

    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly Task _running;
    private readonly ConcurrentQueue<MimeMessage> _received = new();

    public int Port { get; }
    /// <summary>The accepted mails, in order.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. _received];
    /// <summary>How many sign-ins the server refused (a wrong password).</summary>
    public int RefusedSignIns;

    /// <summary>Per recipient: null accepts; a reply code refuses the mail with it (e.g. 451 "try later", 550 "no such mailbox").</summary>
    public Func<string, int?> Refuse { get; set; } = _ => null;

    public SmtpTestServer()
    {
        Port = FreePort();
        var certificate = SelfSigned();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).Certificate(certificate).AuthenticationRequired().AllowUnsecureAuthentication(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new DelegatingUserAuthenticator((user, password) =>
        {
            var ok = user == UserName && password == Password;
            if (!ok) Interlocked.Increment(ref RefusedSignIns);
            return ok;
        }));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    /// <summary>The app's configuration for this server: STARTTLS, the test credentials, its self-signed certificate accepted.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Smtp:Host", "127.0.0.1"), new("Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Smtp:Security", "StartTls"), new("Smtp:UserName", UserName), new("Smtp:Password", Password),
        new("Smtp:AcceptAnyCertificate", "true"), new("Smtp:FromAddress", "offers@shop.example"), new("Smtp:FromName", "Example Shop"),
    ];

    /// <summary>Waits until at least <paramref name="count"/> mails have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_received.Count < count && DateTime.UtcNow < until) await Task.Delay(50);
        return _received.Count >= count ? Received : throw new TimeoutException($"{_received.Count} of {count} mails arrived.");
    }

    public void Clear() => _received.Clear();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return; // a factory's Dispose may run twice
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            foreach (var to in transaction.To)
                if (server.Refuse($"{to.User}@{to.Host}") is { } code)
                    return Task.FromResult(new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "Mailbox unavailable" : "Try again later"));
            using var stream = new MemoryStream(buffer.ToArray());
            server._received.Enqueue(MimeMessage.Load(stream));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
