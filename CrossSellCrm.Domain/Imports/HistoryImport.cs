using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Imports;

/// <summary>One subscription of a subscriptions file, read.</summary>
public sealed record SubscriptionRow(ImportRow Row, string? Customer, string? Plan, DateOnly? StartedOn, DateOnly? EndedOn, SubscriptionStatus? Status, decimal? MonthlyPrice)
{
    public static SubscriptionRow Read(ImportRow row) => new(row, row.Key("customer"), row.Text("plan"), Day(row, "started-on"), Day(row, "ended-on"),
        row.Choice("status", ImportWords.SubscriptionStatus), row.Decimal("monthly-price"));

    internal static DateOnly? Day(ImportRow row, string field) => row.DateTime(field) is { } at ? DateOnly.FromDateTime(at) : null;
}

public sealed class SubscriptionRowValidator : AbstractValidator<SubscriptionRow>
{
    public SubscriptionRowValidator()
    {
        RuleFor(r => r.Plan).NotEmpty().WithMessage(_ => Messages.Text("Import_Required")).OverridePropertyName("plan");
        RuleFor(r => r.StartedOn).NotNull().WithMessage(_ => Messages.Text("Import_Required")).OverridePropertyName("started-on");
        RuleFor(r => r.EndedOn).Must((r, end) => end is null || r.StartedOn is null || end >= r.StartedOn).WithMessage(_ => Messages.Text("Import_EndsBeforeStart"))
            .OverridePropertyName("ended-on");
        RuleFor(r => r.MonthlyPrice).InclusiveBetween(0, 100_000).WithMessage(_ => Messages.Text("Import_PriceOutOfRange")).OverridePropertyName("monthly-price");
    }
}

/// <summary>
/// Writes subscriptions, keyed by (customer, plan, start date). The plan is a product of the catalogue; a subscription
/// with an end date and no status has ended (cancelled), one without either is active; no monthly price: the plan's.
/// </summary>
internal sealed class SubscriptionImport(ImportDirectory directory, int jobId) : IImportWriter
{
    private readonly SubscriptionRowValidator _validator = new();

    public string? GroupKey(ImportRow row) => null;

    public async Task<IReadOnlyList<ImportRow>> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, ImportCounts counts, bool dryRun, CancellationToken ct)
    {
        var read = rows.Select(SubscriptionRow.Read).ToList();
        var accepted = new List<(SubscriptionRow Row, int Customer, int Plan, decimal Price)>();
        foreach (var row in read.Where(r => !r.Row.IsRejected))
        {
            foreach (var failure in _validator.Validate(row).Errors) row.Row.Reject(failure.PropertyName, row.Row.Text(failure.PropertyName), failure.ErrorMessage);
            if (row.Row.IsRejected) continue;
            if (row.Customer is null) { row.Row.Skip(Messages.Text("Import_NoCustomerKey")); continue; }
            if (directory.IsErased(row.Customer)) { row.Row.Reject("customer", row.Customer, Messages.Text("Import_CustomerErased")); continue; }
            if (directory.Customer(row.Customer) is not { } customer || customer == ImportDirectory.NotWritten)
            {
                row.Row.Reject("customer", row.Customer, Messages.Text("Import_CustomerUnknownNoCreate", row.Customer));
                continue;
            }
            if (!directory.ProductsBySku.TryGetValue(row.Plan!, out var plan) || plan.Id == ImportDirectory.NotWritten)
            {
                row.Row.Reject("plan", row.Plan, Messages.Text("Import_ProductUnknown", row.Plan!));
                continue;
            }
            if (!directory.PlanIds.Contains(plan.Id))
            {
                row.Row.Reject("plan", row.Plan, Messages.Text("Import_NotAPlan", row.Plan!));
                continue;
            }
            accepted.Add((row, customer, plan.Id, plan.Price));
        }
        var customers = accepted.Select(a => a.Customer).Distinct().ToList();
        var existing = customers.Count == 0 ? [] : await db.Subscriptions.Where(s => customers.Contains(s.CustomerId)).ToListAsync(ct);
        foreach (var (row, customer, plan, price) in accepted)
        {
            var status = row.Status ?? (row.EndedOn is null ? SubscriptionStatus.Active : SubscriptionStatus.Cancelled);
            var monthly = row.MonthlyPrice ?? price;
            var subscription = existing.FirstOrDefault(s => s.CustomerId == customer && s.PlanProductId == plan && s.StartedOn == row.StartedOn);
            if (subscription is null)
            {
                subscription = new Subscription
                {
                    CustomerId = customer, PlanProductId = plan, StartedOn = row.StartedOn!.Value, EndedOn = row.EndedOn, Status = status, MonthlyPrice = monthly, ImportJobId = jobId,
                };
                existing.Add(subscription);
                counts.SubscriptionsCreated++;
                if (!dryRun) db.Subscriptions.Add(subscription);
            }
            else if (subscription.EndedOn != row.EndedOn || subscription.Status != status || subscription.MonthlyPrice != monthly)
            {
                (subscription.EndedOn, subscription.Status, subscription.MonthlyPrice, subscription.ImportJobId) = (row.EndedOn, status, monthly, jobId);
                counts.SubscriptionsUpdated++;
            }
            else counts.RowsUnchanged++;
        }
        if (!dryRun) await db.SaveChangesAsync(ct);
        return rows;
    }
}

/// <summary>One offer of an offer-history file (a team's past calls), read.</summary>
public sealed record OfferRow(ImportRow Row, string? Customer, string? Sku, DateTime? PresentedAt, string? Rep, ContactChannel? Channel, OfferOutcome? Outcome,
    DeclineReason? DeclineReason, DateOnly? FollowUpOn)
{
    public static OfferRow Read(ImportRow row) => new(row, row.Key("customer"), row.Text("sku"), row.DateTime("date"), row.Text("rep"),
        row.Choice("channel", ImportWords.ContactChannel), row.Choice("outcome", ImportWords.Outcome), row.Choice("decline-reason", ImportWords.DeclineReason),
        SubscriptionRow.Day(row, "follow-up-on"));
}

/// <summary>The call cockpit's rules for an answer, on a past one (a follow-up may lie in the past: it is history).</summary>
public sealed class OfferRowValidator : AbstractValidator<OfferRow>
{
    public OfferRowValidator(TimeProvider clock)
    {
        RuleFor(r => r.Sku).NotEmpty().WithMessage(_ => Messages.Text("Import_Required")).OverridePropertyName("sku");
        RuleFor(r => r.PresentedAt).NotNull().WithMessage(_ => Messages.Text("Import_Required"))
            .Must(d => d is null || (d.Value.Year >= 1990 && d.Value <= clock.GetUtcNow().UtcDateTime.AddDays(1))).WithMessage(_ => Messages.Text("Import_DateOutOfRange"))
            .OverridePropertyName("date");
        RuleFor(r => r.Outcome).NotNull().WithMessage(_ => Messages.Text("Import_Required")).OverridePropertyName("outcome");
        RuleFor(r => r.DeclineReason).Null().When(r => r.Outcome != OfferOutcome.Declined).WithMessage(_ => Messages.Text("Offer_ReasonOnlyDeclined"))
            .OverridePropertyName("decline-reason");
        RuleFor(r => r.FollowUpOn).Null().When(r => r.Outcome != OfferOutcome.Later).WithMessage(_ => Messages.Text("Offer_FollowUpOnlyLater"))
            .OverridePropertyName("follow-up-on");
    }
}

/// <summary>
/// Writes a team's past offers and their answers, keyed by (customer, product, time), so that learning starts from them:
/// the offer statistics, the decline rules and the likelihood model read them as they read the cockpit's.
/// </summary>
internal sealed class OfferImport(ImportDirectory directory, TimeProvider clock, int jobId) : IImportWriter
{
    private readonly OfferRowValidator _validator = new(clock);

    public string? GroupKey(ImportRow row) => null;

    public async Task<IReadOnlyList<ImportRow>> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, ImportCounts counts, bool dryRun, CancellationToken ct)
    {
        var read = rows.Select(OfferRow.Read).ToList();
        var accepted = new List<(OfferRow Row, int Customer, int Product, string? Rep)>();
        foreach (var row in read.Where(r => !r.Row.IsRejected))
        {
            foreach (var failure in _validator.Validate(row).Errors) row.Row.Reject(failure.PropertyName, row.Row.Text(failure.PropertyName), failure.ErrorMessage);
            if (row.Row.IsRejected) continue;
            if (row.Customer is null) { row.Row.Skip(Messages.Text("Import_NoCustomerKey")); continue; }
            if (directory.IsErased(row.Customer)) { row.Row.Reject("customer", row.Customer, Messages.Text("Import_CustomerErased")); continue; }
            if (directory.Customer(row.Customer) is not { } customer || customer == ImportDirectory.NotWritten)
            {
                row.Row.Reject("customer", row.Customer, Messages.Text("Import_CustomerUnknownNoCreate", row.Customer));
                continue;
            }
            if (!directory.ProductsBySku.TryGetValue(row.Sku!, out var product) || product.Id == ImportDirectory.NotWritten)
            {
                row.Row.Reject("sku", row.Sku, Messages.Text("Import_ProductUnknown", row.Sku!));
                continue;
            }
            string? rep = null;
            if (row.Rep is { } email && !directory.RepsByEmail.TryGetValue(email, out rep))
            {
                row.Row.Reject("rep", email, Messages.Text("Import_RepUnknown", email));
                continue;
            }
            accepted.Add((row, customer, product.Id, rep));
        }
        var customers = accepted.Select(a => a.Customer).Distinct().ToList();
        var existing = customers.Count == 0 ? [] : await db.OfferPresentations.Where(o => customers.Contains(o.CustomerId)).ToListAsync(ct);
        foreach (var (row, customer, product, rep) in accepted)
        {
            var channel = row.Channel ?? ContactChannel.Phone;
            var offer = existing.FirstOrDefault(o => o.CustomerId == customer && o.ProductId == product && o.PresentedAt == row.PresentedAt);
            if (offer is null)
            {
                offer = new OfferPresentation
                {
                    CustomerId = customer, ProductId = product, PresentedAt = row.PresentedAt!.Value, Rank = 1, Channel = channel, RepId = rep,
                    Outcome = row.Outcome!.Value, DeclineReason = row.DeclineReason, FollowUpOn = row.FollowUpOn,
                    AnsweredAt = row.Outcome == OfferOutcome.NoAnswer ? null : row.PresentedAt, ImportJobId = jobId,
                };
                existing.Add(offer);
                counts.OffersCreated++;
                if (!dryRun) db.OfferPresentations.Add(offer);
            }
            else if (offer.Outcome != row.Outcome || offer.DeclineReason != row.DeclineReason || offer.FollowUpOn != row.FollowUpOn || offer.Channel != channel
                     || (rep is not null && offer.RepId != rep))
            {
                (offer.Outcome, offer.DeclineReason, offer.FollowUpOn, offer.Channel) = (row.Outcome!.Value, row.DeclineReason, row.FollowUpOn, channel);
                if (rep is not null) offer.RepId = rep;
                offer.ImportJobId = jobId;
                counts.OffersUpdated++;
            }
            else counts.RowsUnchanged++;
        }
        if (!dryRun) await db.SaveChangesAsync(ct);
        return rows;
    }
}
