using FluentValidation;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// POST /api/widget/events: what the widget showed (kind "impression", every recommended SKU) or what a visitor clicked
/// (kind "click", the one SKU), on the page of <see cref="PageSku"/>, for <see cref="Customer"/> when the shop knows them.
/// </summary>
public sealed record WidgetEventInput(string? Kind, IReadOnlyList<string>? Skus, string? PageSku, string? Customer);

/// <summary>How many rows the CRM recorded (SKUs it does not know are left out).</summary>
public sealed record WidgetEventRecorded(int Recorded);

public sealed class WidgetEventInputValidator : AbstractValidator<WidgetEventInput>
{
    public const int MaxSkus = 20;

    public WidgetEventInputValidator()
    {
        RuleFor(e => e.Kind).Must(k => k is "impression" or "click").WithMessage("kind must be impression or click (was {PropertyValue}).");
        RuleFor(e => e.Skus).NotNull().WithMessage("skus is required: the recommended SKUs shown, or the one clicked.")
            .Must(s => s is { Count: >= 1 and <= MaxSkus }).WithMessage($"Send between 1 and {MaxSkus} skus.");
        RuleForEach(e => e.Skus).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 40).WithMessage("Every sku must be 1 to 40 characters long.");
        When(e => e.Kind == "click", () => RuleFor(e => e.Skus).Must(s => s is { Count: 1 }).WithMessage("A click names the one sku clicked."));
        RuleFor(e => e.PageSku).MaximumLength(40);
        RuleFor(e => e.Customer).MaximumLength(20);
    }
}
