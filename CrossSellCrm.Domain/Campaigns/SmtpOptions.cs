using FluentValidation;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>
/// The SMTP server campaigns are delivered through (configuration "Smtp"; the password best from the environment,
/// Smtp__Password — it is never logged). No host: nothing can be sent, and the campaign page says so.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>StartTls (port 587), SslOnConnect (465), None (a relay on the same machine or network only), or Auto.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "offers@crm.example";
    public string FromName { get; set; } = "CrossSellCrm";
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Accept a server certificate that does not validate (a test server's self-signed one). Never in production.</summary>
    public bool AcceptAnyCertificate { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public enum SmtpSecurity { StartTls, SslOnConnect, None, Auto }

public sealed class SmtpOptionsValidator : AbstractValidator<SmtpOptions>
{
    public SmtpOptionsValidator()
    {
        RuleFor(o => o.Port).InclusiveBetween(1, 65_535).WithMessage("Smtp:Port must be between 1 and 65535 (was {PropertyValue}).");
        RuleFor(o => o.Security).IsInEnum().WithMessage("Smtp:Security must be StartTls, SslOnConnect, None or Auto.");
        RuleFor(o => o.FromAddress).Must(a => MimeKit.MailboxAddress.TryParse(a, out var m) && m.Address.Contains('@'))
            .WithMessage("Smtp:FromAddress must be an e-mail address (was '{PropertyValue}').");
        RuleFor(o => o.TimeoutSeconds).InclusiveBetween(1, 600).WithMessage("Smtp:TimeoutSeconds must be between 1 and 600 (was {PropertyValue}).");
        RuleFor(o => o.Password).Empty().When(o => string.IsNullOrEmpty(o.UserName))
            .WithMessage("Smtp:Password is set but Smtp:UserName is not.");
    }
}
