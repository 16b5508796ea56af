using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IbtDialogue.Accounts;

/// <summary>Where mail goes (configuration section <c>Mail</c>); without a host the app mails nothing and shows links instead.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; empty: mail is off.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, or <c>None</c> (only for a relay on the same machine or network).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string From { get; set; } = "lerende-dialogen@onderwijsinspectie.nl";

    public string FromName { get; set; } = "Lerende dialogen — Inspectie van het Onderwijs";

    public bool IsConfigured => Host.Length > 0;
}

/// <summary>Sends the app's few mails (invitations, password resets) through the configured SMTP server with MailKit.</summary>
public sealed partial class Mailer(IOptionsMonitor<MailOptions> options, ILogger<Mailer> logger)
{
    public bool IsConfigured => options.CurrentValue.IsConfigured;

    /// <summary>Sends a plain-text mail; answers false (and logs why, without the body) when it could not be delivered.</summary>
    public async Task<bool> SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            return false;
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (settings.UserName.Length > 0)
            {
                await smtp.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken);
            }

            await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(quit: true, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException or SslHandshakeException)
        {
            LogNotSent(logger, ex, settings.Host, subject);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail to the SMTP server {Host} failed (subject: {Subject}).")]
    private static partial void LogNotSent(ILogger logger, Exception exception, string host, string subject);
}
