using System.Globalization;
using FluentValidation;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// The query of GET /api/products/{sku}/also-bought. <see cref="Take"/> is the text as sent, so that "take=abc"
/// is a validation message naming the field rather than a failed parameter binding.
/// </summary>
public sealed record AlsoBoughtQuery(string Sku, string? Take)
{
    public const int DefaultCount = 5;

    /// <summary>How many products to list; read once the validator has passed.</summary>
    public int Count => Take is not null && ParseCount(Take) is { } count ? count : DefaultCount;

    public static int? ParseCount(string take) =>
        int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
}

public sealed class AlsoBoughtQueryValidator : AbstractValidator<AlsoBoughtQuery>
{
    public AlsoBoughtQueryValidator()
    {
        RuleFor(q => q.Sku).NotEmpty().MaximumLength(40);
        RuleFor(q => q.Take).Must(t => t is null || AlsoBoughtQuery.ParseCount(t) is >= 1 and <= 20)
            .WithMessage("take must be between 1 and 20 (was {PropertyValue}).");
    }
}

public sealed record AlsoBoughtItem(string Sku, string Name, decimal Price, double Confidence, double Lift, int Count);

public sealed record AlsoBoughtResponse(string Sku, string Name, DateTime? RulesMinedAt, IReadOnlyList<AlsoBoughtItem> Items);
