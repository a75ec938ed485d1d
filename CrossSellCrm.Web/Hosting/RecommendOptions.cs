using FluentValidation;

namespace CrossSellCrm.Web.Hosting;

/// <summary>Whom `recommend` is asked about: one customer, or a random sample of them.</summary>
public sealed record RecommendOptions
{
    public string? Customer { get; init; }
    public int? Sample { get; init; }
    public int Seed { get; init; } = 1;
}

public sealed class RecommendOptionsValidator : AbstractValidator<RecommendOptions>
{
    public RecommendOptionsValidator()
    {
        RuleFor(o => o).Must(o => (o.Customer is null) != (o.Sample is null))
            .WithMessage("give either --customer (one customer) or --sample N (N random customers), not both and not neither.");
        RuleFor(o => o.Sample).InclusiveBetween(1, 100_000).When(o => o.Sample is not null)
            .WithMessage("--sample must be between 1 and 100000 (was {PropertyValue}).");
    }
}
