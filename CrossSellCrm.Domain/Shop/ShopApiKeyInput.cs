using CrossSellCrm.Domain.Localization;
using FluentValidation;

namespace CrossSellCrm.Domain.Shop;

/// <summary>A key as an admin makes it: a name the admin recognises, the shop's origins, how many requests a minute it may make.</summary>
public sealed class ShopApiKeyInput
{
    public string Name { get; set; } = "";
    /// <summary>One origin per line (or separated by commas or spaces).</summary>
    public string AllowedOrigins { get; set; } = "";
    public int RequestsPerMinute { get; set; } = ShopApiKeyInputValidator.DefaultRequestsPerMinute;
}

public sealed class ShopApiKeyInputValidator : AbstractValidator<ShopApiKeyInput>
{
    public const int MaxNameLength = 80;
    public const int MaxOrigins = 20;
    public const int DefaultRequestsPerMinute = 600;
    public const int MaxRequestsPerMinute = 1_000_000;

    public ShopApiKeyInputValidator()
    {
        RuleFor(k => k.Name).NotEmpty().WithMessage(_ => Messages.Text("ShopKey_NameRequired"))
            .MaximumLength(MaxNameLength).WithMessage(_ => Messages.Text("ShopKey_NameTooLong", MaxNameLength));
        RuleFor(k => k.RequestsPerMinute).InclusiveBetween(1, MaxRequestsPerMinute)
            .WithMessage(_ => Messages.Text("ShopKey_RateRange", MaxRequestsPerMinute));
        RuleFor(k => k.AllowedOrigins).Custom((text, context) =>
        {
            var given = (text ?? "").Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var origin in given.Where(o => !ShopOrigins.IsValid(o)))
                context.AddFailure(nameof(ShopApiKeyInput.AllowedOrigins), Messages.Text("ShopKey_OriginInvalid", origin));
            if (given.Length > MaxOrigins) context.AddFailure(nameof(ShopApiKeyInput.AllowedOrigins), Messages.Text("ShopKey_TooManyOrigins", MaxOrigins));
        });
    }
}
