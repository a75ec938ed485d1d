using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Recommendations;

/// <summary>What a rep logs for one offer on a call.</summary>
public sealed record OfferOutcomeInput
{
    public int CustomerId { get; init; }
    public int ProductId { get; init; }
    public int? AnchorProductId { get; init; }
    public ContactChannel Channel { get; init; }
    /// <summary>The card's place in the panel, 1 = top.</summary>
    public int Rank { get; init; } = 1;
    public double Score { get; init; }
    /// <summary>The reasons the rep saw, one per line, kept with the offer for later review.</summary>
    public string? ReasonsShown { get; init; }
    public OfferOutcome Outcome { get; init; }
    public DeclineReason? DeclineReason { get; init; }
    public DateOnly? FollowUpOn { get; init; }
    /// <summary>Accepted only: also write the order line, so the KPIs count the sale.</summary>
    public bool CreateOrder { get; init; }
    public decimal? BundleDiscountPercent { get; init; }
}

public sealed class OfferOutcomeInputValidator : AbstractValidator<OfferOutcomeInput>
{
    public OfferOutcomeInputValidator(TimeProvider clock)
    {
        RuleFor(x => x.CustomerId).GreaterThan(0);
        RuleFor(x => x.ProductId).GreaterThan(0);
        RuleFor(x => x.Rank).InclusiveBetween(1, 20);
        RuleFor(x => x.Outcome).IsInEnum().NotEqual(OfferOutcome.NoAnswer).WithMessage("Choose accepted, declined or later.");
        RuleFor(x => x.Channel).IsInEnum();
        RuleFor(x => x.DeclineReason).Null().When(x => x.Outcome != OfferOutcome.Declined).WithMessage("A reason belongs to a declined offer only.");
        RuleFor(x => x.DeclineReason).IsInEnum().When(x => x.DeclineReason is not null);
        RuleFor(x => x.FollowUpOn).NotNull().When(x => x.Outcome == OfferOutcome.Later).WithMessage("Pick the day to follow up.");
        RuleFor(x => x.FollowUpOn).Must(d => d is null || (d > Today(clock) && d <= Today(clock).AddDays(365)))
            .WithMessage("The follow-up must be within the next 365 days.");
        RuleFor(x => x.FollowUpOn).Null().When(x => x.Outcome != OfferOutcome.Later).WithMessage("A follow-up date belongs to 'later' only.");
        RuleFor(x => x.CreateOrder).Equal(false).When(x => x.Outcome != OfferOutcome.Accepted).WithMessage("Only an accepted offer becomes an order.");
        RuleFor(x => x.BundleDiscountPercent).InclusiveBetween(0, 90).When(x => x.BundleDiscountPercent is not null);
        RuleFor(x => x.ReasonsShown).MaximumLength(4000);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

public sealed record OfferOutcomeResult(long OfferId, int? OrderId, string? OrderNumber);

/// <summary>
/// Logs a rep's outcome for an offer: the presentation (audited), and for an accepted offer the order
/// line if asked, in one transaction; then tells the engine's ledger, so the next decision already
/// learns from it. Every outcome is its own row, so two reps logging for one customer at once lose nothing.
/// </summary>
public sealed class OfferLog(IDbContextFactory<CrmDbContext> factory, OfferEngineStore engines, Kpis.KpiCubeStore kpis, TimeProvider clock)
{
    /// <exception cref="ValidationException">The input is invalid, or the customer or product does not exist.</exception>
    public async Task<OfferOutcomeResult> RecordAsync(OfferOutcomeInput input, string? repId, CancellationToken ct = default)
    {
        await new OfferOutcomeInputValidator(clock).ValidateAndThrowAsync(input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == input.ProductId, ct)
            ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(input.ProductId), "There is no such product.")]);
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(input.CustomerId), "There is no such customer.")]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var offer = new OfferPresentation
        {
            CustomerId = input.CustomerId, ProductId = input.ProductId, AnchorProductId = input.AnchorProductId, RepId = repId,
            PresentedAt = now, AnsweredAt = now, Channel = input.Channel, Rank = input.Rank, Score = input.Score,
            ReasonsShown = input.ReasonsShown, Outcome = input.Outcome, DeclineReason = input.DeclineReason, FollowUpOn = input.FollowUpOn,
        };
        db.OfferPresentations.Add(offer);
        Order? order = null;
        if (input.CreateOrder)
        {
            var discount = Math.Round(product.Price * (input.BundleDiscountPercent ?? 0) / 100m, 2);
            order = new Order
            {
                OrderNumber = $"R{now:yyMMdd}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}",
                CustomerId = input.CustomerId, OrderedAt = now, RepId = repId,
                Channel = input.Channel switch { ContactChannel.InStore => SalesChannel.Store, ContactChannel.Phone => SalesChannel.Phone, _ => SalesChannel.Online },
                Lines = [new OrderLine { ProductId = product.Id, Quantity = 1, UnitPrice = product.Price, UnitCost = product.UnitCost, Discount = discount }],
            };
            order.RecalculateTotals();
            db.Orders.Add(order);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        if (input.Outcome is OfferOutcome.Accepted or OfferOutcome.Declined && engines.Current is { } engine)
        {
            var segments = await db.SegmentMemberships.Where(m => m.CustomerId == input.CustomerId).Select(m => m.SegmentId).ToListAsync(ct);
            engine.Outcomes.Record(input.ProductId, segments, input.Outcome == OfferOutcome.Accepted);
        }
        // The dashboards count it at once (their cube is rebuilt from the database on a schedule).
        var day = DateOnly.FromDateTime(now).DayNumber;
        kpis.Append(
            order is null ? [] : [.. order.Lines.Select(l => new Kpis.SaleFact(order.Id, order.CustomerId, day, l.ProductId, product.CategoryId,
                (float)l.Revenue, (float)l.Margin, (short)l.Quantity))],
            [new Kpis.OfferFact(offer.Id, offer.CustomerId, day, offer.ProductId, product.CategoryId, kpis.RepIndex(repId), offer.Outcome)]);
        return new OfferOutcomeResult(offer.Id, order?.Id, order?.OrderNumber);
    }
}

/// <summary>A rep's notes on a call: one note per call, saved as the rep types.</summary>
public sealed class CallNoteBook(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    public const int MaxLength = 4000;

    /// <summary>Creates the note (no id yet) or updates the rep's own note; returns its id. Blank text saves nothing.</summary>
    /// <exception cref="ValidationException">Too long, or the note belongs to someone else or another customer.</exception>
    public async Task<long?> SaveAsync(int customerId, string? repId, long? noteId, string? text, CancellationToken ct = default)
    {
        if (text is { Length: > MaxLength })
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("Text", $"A note holds at most {MaxLength} characters.")]);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (noteId is { } id)
        {
            var note = await db.CallNotes.FirstOrDefaultAsync(n => n.Id == id && n.CustomerId == customerId && n.RepId == repId, ct)
                ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("Id", "This note cannot be changed here.")]);
            note.Text = text ?? "";
            note.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return note.Id;
        }
        if (string.IsNullOrWhiteSpace(text)) return null;
        var created = new CallNote { CustomerId = customerId, RepId = repId, CreatedAt = now, UpdatedAt = now, Text = text };
        db.CallNotes.Add(created);
        await db.SaveChangesAsync(ct);
        return created.Id;
    }
}
