using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Domain.Recommendations;

/// <summary>
/// Logs a rep's answers to offers. An answer is stored with its order (if asked) in one transaction that holds
/// the customer, and the contact policy is checked again inside it from what is stored, so two reps at once
/// cannot write two orders for one offer or go past the decline limit; the same presentation answered twice
/// (a double click, a retry) is stored once. Afterwards the engine's ledger and the dashboards learn it, and the
/// <see cref="ChangeHub"/> tells the rest. An answer can be taken back for a short while (<see cref="UndoWindow"/>).
/// </summary>
public sealed class OfferLog(
    IDbContextFactory<CrmDbContext> factory, OfferEngineStore engines, Kpis.KpiCubeStore kpis, ChangeHub changes,
    IOptions<ContactPolicy> policy, TimeProvider clock)
{
    /// <summary>How long after an answer its rep may take it back. The cockpit offers it for a few seconds; this allows for a slow click.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(2);

    /// <exception cref="ValidationException">The input is invalid, or the customer or product does not exist.</exception>
    public async Task<OfferOutcomeResult> RecordAsync(OfferOutcomeInput input, string? repId, CancellationToken ct = default)
    {
        await new OfferOutcomeInputValidator(clock).ValidateAndThrowAsync(input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProductId, ct)
            ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(input.ProductId), Messages.Text("Offer_NoProduct"))]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await HoldCustomerAsync(db, input.CustomerId, ct))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(input.CustomerId), Messages.Text("Offer_NoCustomer"))]);

        if (input.PresentationKey is { } key && await db.OfferPresentations.AsNoTracking().FirstOrDefaultAsync(o => o.PresentationKey == key, ct) is { } stored)
        {
            if (stored.CustomerId != input.CustomerId || stored.ProductId != input.ProductId)
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(input.PresentationKey), Messages.Text("Offer_KeyReused"))]);
            return new OfferOutcomeResult(stored.Id, stored.OrderId, await OrderNumberAsync(db, stored.OrderId, ct)) { Repeated = true };
        }

        var refusal = await RefusalAsync(db, input, repId, now, ct);
        if (refusal is not null) return refusal;

        // Attributed to the experiment the customer is in on this surface (the exposure is the decision record), else to the default strategy.
        var channel = input.Channel.ToString();
        var exposure = await db.ExperimentExposures.AsNoTracking()
            .Where(x => x.CustomerId == input.CustomerId && db.Experiments.Any(e => e.Id == x.ExperimentId && e.Status == Experiments.ExperimentStatus.Running && e.Channels.Contains(channel)))
            .OrderBy(x => x.ExposedAt).Select(x => new { x.ExperimentId, x.Arm, x.StrategyVersion }).FirstOrDefaultAsync(ct);
        var offer = new OfferPresentation
        {
            ExperimentId = exposure?.ExperimentId, ExperimentArm = exposure?.Arm,
            StrategyVersion = exposure?.StrategyVersion ?? (engines.Current is { } engine ? Tuning.OfferStrategy.Of(engine.Settings).Version : null),
            CustomerId = input.CustomerId, ProductId = input.ProductId, AnchorProductId = input.AnchorProductId, RepId = repId,
            PresentedAt = now, AnsweredAt = now, Channel = input.Channel, Rank = input.Rank, Score = input.Score,
            ReasonsShown = input.ReasonsShown, Outcome = input.Outcome, DeclineReason = input.DeclineReason, FollowUpOn = input.FollowUpOn,
            PresentationKey = input.PresentationKey,
            ShownProbability = input.ShownProbability, Chance = input.Chance, ChanceFromModel = input.ChanceFromModel,
        };
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
            offer.Order = order;
        }
        db.OfferPresentations.Add(offer);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await LearnAsync(db, offer, +1, ct);
        var day = DateOnly.FromDateTime(now).DayNumber;
        kpis.Append(
            order is null ? [] : [.. order.Lines.Select(l => new Kpis.SaleFact(order.Id, order.CustomerId, day, l.ProductId, product.CategoryId,
                (float)l.Revenue, (float)l.Margin, (short)l.Quantity))],
            [new Kpis.OfferFact(offer.Id, offer.CustomerId, day, offer.ProductId, product.CategoryId, kpis.RepIndex(repId), offer.Outcome, offer.Channel)]);
        changes.Publish(new OfferAnswered(offer.Id, offer.CustomerId, offer.ProductId, offer.Outcome, order?.Id));
        return new OfferOutcomeResult(offer.Id, order?.Id, order?.OrderNumber);
    }

    /// <summary>
    /// Takes an answer back (the rep's undo): the answer and the order it wrote are deleted in one transaction,
    /// both written to the audit log, and the engine's ledger and the dashboards forget them.
    /// </summary>
    /// <returns>False when there is no such answer, it is another rep's, or it is older than <see cref="UndoWindow"/>.</returns>
    public async Task<bool> WithdrawAsync(long offerId, string? repId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var offer = await db.OfferPresentations.FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null || offer.RepId != repId || offer.AnsweredAt is not { } answered || now - answered > UndoWindow) return false;
        await HoldCustomerAsync(db, offer.CustomerId, ct);
        Order? order = offer.OrderId is { } orderId ? await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct) : null;
        db.OfferPresentations.Remove(offer);
        if (order is not null)
        {
            db.Orders.Remove(order);
            // Orders are not audited as such (most come from imports); one taken back by a rep is.
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = db.CurrentUserName, EntityType = nameof(Order), EntityId = order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Action = AuditAction.Deleted, Changes = System.Text.Json.JsonSerializer.Serialize(new { order.OrderNumber, UndoneOffer = offer.Id }),
            });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await LearnAsync(db, offer, -1, ct);
        kpis.Remove(order?.Id, offer.Id);
        changes.Publish(new OfferWithdrawn(offer.Id, offer.CustomerId, offer.ProductId, order?.Id));
        return true;
    }

    /// <summary>
    /// Serialises answers per customer until the transaction ends. SQLite: EF's transactions begin IMMEDIATE, so the
    /// write lock is taken at the start and writers queue. PostgreSQL: the customer's row is locked.
    /// </summary>
    /// <returns>False when there is no such customer (an erased one is none: no offer is answered for them any more).</returns>
    private static async Task<bool> HoldCustomerAsync(CrmDbContext db, int customerId, CancellationToken ct)
    {
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            return await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"Customers\" WHERE \"Id\" = {customerId} AND NOT \"IsErased\" FOR UPDATE").ToListAsync(ct) is [_];
        return await db.Customers.AnyAsync(c => c.Id == customerId && !c.IsErased, ct);
    }

    /// <summary>The contact policy, from what is stored for the customer now; null when the answer may be stored.</summary>
    private async Task<OfferOutcomeResult?> RefusalAsync(CrmDbContext db, OfferOutcomeInput input, string? repId, DateTime now, CancellationToken ct)
    {
        var rules = policy.Value;
        var since = now.AddDays(-Math.Max(rules.DeclinedRestDays, rules.DeclineWindowDays) - 1);
        var earlier = await db.OfferPresentations.AsNoTracking().Where(o => o.CustomerId == input.CustomerId && o.PresentedAt >= since)
            .Select(o => new { Offer = new PastOffer(o.ProductId, o.PresentedAt, o.Outcome, o.RepId), RepName = o.Rep!.DisplayName })
            .ToListAsync(ct);
        var state = ContactState.Of(earlier.Select(e => e.Offer), rules, now, Contact.Today(repId, clock));
        if (state.Resting.Contains(input.ProductId))
        {
            var last = earlier.Where(e => e.Offer.ProductId == input.ProductId).MaxBy(e => e.Offer.At)!;
            return OfferOutcomeResult.Refused(AnswerRefusal.AlreadyAnswered, new EarlierAnswer(last.Offer.Outcome, last.Offer.At, last.RepName));
        }
        return state.Stop(rules) switch
        {
            StopReason.TooManyDeclines => OfferOutcomeResult.Refused(AnswerRefusal.TooManyDeclines),
            StopReason.ContactLimitReached => OfferOutcomeResult.Refused(AnswerRefusal.ContactLimitReached),
            _ => null,
        };
    }

    /// <summary>Counts (+1) or forgets (−1) a decided answer in the engine's ledger, for the product overall and in the customer's segments.</summary>
    private async Task LearnAsync(CrmDbContext db, OfferPresentation offer, int sign, CancellationToken ct)
    {
        if (offer.Outcome is not (OfferOutcome.Accepted or OfferOutcome.Declined) || engines.Current is not { } engine) return;
        var segments = await db.SegmentMemberships.Where(m => m.CustomerId == offer.CustomerId).Select(m => m.SegmentId).ToListAsync(ct);
        if (sign > 0) engine.Outcomes.Record(offer.ProductId, segments, offer.Outcome == OfferOutcome.Accepted);
        else engine.Outcomes.Retract(offer.ProductId, segments, offer.Outcome == OfferOutcome.Accepted);
    }

    private static async Task<string?> OrderNumberAsync(CrmDbContext db, int? orderId, CancellationToken ct) =>
        orderId is { } id ? await db.Orders.Where(o => o.Id == id).Select(o => o.OrderNumber).FirstOrDefaultAsync(ct) : null;
}
