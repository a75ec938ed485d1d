using FluentValidation;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>How campaigns are sent and tracked (configuration "Campaigns", checked at start).</summary>
public sealed class CampaignOptions
{
    public const string Section = "Campaigns";

    /// <summary>The contact policy's weekly cap: at most this many campaign mails to one customer in 7 days, across campaigns.</summary>
    public int MaxMailsPerWeek { get; set; } = 1;
    /// <summary>Throttling: at most this many mails a minute go to the SMTP server.</summary>
    public int MessagesPerMinute { get; set; } = 600;
    /// <summary>Attempts per mail before it counts as failed; between them the wait doubles from <see cref="RetryAfterSeconds"/>.</summary>
    public int MaxAttempts { get; set; } = 3;
    public int RetryAfterSeconds { get; set; } = 60;
    /// <summary>Where a click forwards: the shop's page of the product, {sku} replaced.</summary>
    public string ShopProductUrl { get; set; } = "https://shop.example.com/products/{sku}";
    /// <summary>The app's address as customers reach it, for the links in mails; empty: the address the manager scheduled the campaign from.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>How often the sender looks for due campaigns and new conversions.</summary>
    public int PollSeconds { get; set; } = 30;
}

public sealed class CampaignOptionsValidator : AbstractValidator<CampaignOptions>
{
    public CampaignOptionsValidator()
    {
        RuleFor(o => o.MaxMailsPerWeek).InclusiveBetween(1, 7).WithMessage("Campaigns:MaxMailsPerWeek must be between 1 and 7 (was {PropertyValue}).");
        RuleFor(o => o.MessagesPerMinute).InclusiveBetween(1, 100_000).WithMessage("Campaigns:MessagesPerMinute must be between 1 and 100000 (was {PropertyValue}).");
        RuleFor(o => o.MaxAttempts).InclusiveBetween(1, 10).WithMessage("Campaigns:MaxAttempts must be between 1 and 10 (was {PropertyValue}).");
        RuleFor(o => o.RetryAfterSeconds).InclusiveBetween(1, 86_400).WithMessage("Campaigns:RetryAfterSeconds must be between 1 and 86400 (was {PropertyValue}).");
        RuleFor(o => o.PollSeconds).InclusiveBetween(1, 3_600).WithMessage("Campaigns:PollSeconds must be between 1 and 3600 (was {PropertyValue}).");
        RuleFor(o => o.ShopProductUrl).Must(u => u.Contains("{sku}", StringComparison.Ordinal) && IsHttpUrl(u.Replace("{sku}", "x", StringComparison.Ordinal)))
            .WithMessage("Campaigns:ShopProductUrl must be an absolute http(s) address with {sku} in it (was '{PropertyValue}').");
        RuleFor(o => o.PublicBaseUrl).Must(u => string.IsNullOrWhiteSpace(u) || IsHttpUrl(u))
            .WithMessage("Campaigns:PublicBaseUrl must be an absolute http(s) address (was '{PropertyValue}').");
    }

    private static bool IsHttpUrl(string u) => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
