using CrossSellCrm.Domain.Localization;
using FluentValidation;

namespace CrossSellCrm.Domain.Segmentation;

/// <summary>A segment as a manager saves it from the builder.</summary>
public sealed record SegmentInput
{
    /// <summary>Null for a new segment.</summary>
    public int? Id { get; init; }
    /// <summary>The version the manager started from: a save over someone else's newer one is refused.</summary>
    public Guid? Version { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public required RuleNode Rule { get; init; }
    /// <summary>
    /// The language the manager edits in: a segment with a German name (the ready-made ones) shows and saves that
    /// name in German, so what the manager sees is what they change.
    /// </summary>
    public string Language { get; init; } = "en";

    public const int NameLength = 80;
    public const int DescriptionLength = 500;
}

public sealed class SegmentInputValidator : AbstractValidator<SegmentInput>
{
    public SegmentInputValidator()
    {
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= SegmentInput.NameLength)
            .WithMessage(_ => Messages.Text("Seg_NameRequired", SegmentInput.NameLength));
        RuleFor(x => x.Description).MaximumLength(SegmentInput.DescriptionLength)
            .WithMessage(_ => Messages.Text("Seg_DescriptionLong", SegmentInput.DescriptionLength));
        // The rule's own paths ("Rules[1].Values") are kept, so each message lands beside its rule in the builder.
        RuleFor(x => x.Rule).Custom((rule, context) =>
        {
            foreach (var failure in new SegmentRuleValidator().Validate(rule).Errors) context.AddFailure(failure);
        });
    }
}
