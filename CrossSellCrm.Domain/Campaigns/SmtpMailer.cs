using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>A mail the SMTP server refused. <see cref="Permanent"/>: it said no for good (5xx, e.g. no such mailbox) — trying again would not help.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

/// <summary>
/// Delivers mails through the configured SMTP server with MailKit. A session keeps one connection for many mails (a
/// campaign's batch); the credentials are used to authenticate and appear in no message or log.
/// </summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <exception cref="MailDeliveryException">The server cannot be reached or refuses the sign-in.</exception>
    public async Task<SmtpSession> OpenAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (!o.IsConfigured) throw new MailDeliveryException("No SMTP server is configured (Smtp:Host).", permanent: true);
        var client = new SmtpClient { Timeout = o.TimeoutSeconds * 1000 };
        if (o.AcceptAnyCertificate) client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, o.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Auto => SecureSocketOptions.Auto,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            // The server's words or the socket's, never the credentials.
            throw new MailDeliveryException($"The SMTP server {o.Host}:{o.Port} could not be used: {Describe(e)}", permanent: e is AuthenticationException, e);
        }
        return new SmtpSession(client, o);
    }

    internal static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        AuthenticationException => "the sign-in was refused",
        _ => e.Message,
    };
}

/// <summary>One open connection to the SMTP server.</summary>
public sealed class SmtpSession : IAsyncDisposable
{
    private readonly SmtpClient _client;
    private readonly SmtpOptions _options;

    internal SmtpSession(SmtpClient client, SmtpOptions options) => (_client, _options) = (client, options);

    public bool IsConnected => _client.IsConnected;

    /// <summary>Sends one mail.</summary>
    /// <param name="unsubscribe">The one-click unsubscribe link for the List-Unsubscribe header (RFC 8058); null for a test mail.</param>
    /// <returns>The mail's Message-ID.</returns>
    /// <exception cref="MailDeliveryException">The server refused it, or the connection broke.</exception>
    public async Task<string> SendAsync(CampaignMessage message, string? unsubscribe, string language, CancellationToken ct = default)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(_options.FromName, _options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var domain = _options.FromAddress[(_options.FromAddress.IndexOf('@') + 1)..];
        mime.MessageId = MimeUtils.GenerateMessageId(domain);
        if (unsubscribe is not null)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        mime.Body.Headers.Add(HeaderId.ContentLanguage, language); // a Content-* header belongs to the body (MIME)
        try
        {
            await _client.SendAsync(mime, ct);
        }
        catch (SmtpCommandException e)
        {
            throw new MailDeliveryException(SmtpMailer.Describe(e), permanent: (int)e.StatusCode >= 500, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new MailDeliveryException(SmtpMailer.Describe(e), permanent: false, e);
        }
        return mime.MessageId;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (_client.IsConnected) await _client.DisconnectAsync(quit: true); }
        catch (Exception) { /* the connection is going anyway */ }
        _client.Dispose();
    }
}
