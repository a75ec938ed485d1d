using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Calls;

/// <summary>
/// The call cockpit's one entry: the customer 360, the next best offers with talking points and keys, and what this
/// rep already offered this customer today — all from what is stored, so a reload shows the same call. Answers and
/// undos go through here too and come back with the call as it is afterwards.
/// </summary>
public sealed class CallService(
    IDbContextFactory<CrmDbContext> factory, CustomerProfileService profiles, EngineIndexLoader loader, NextBestOfferService offers,
    OfferLog log, Experiments.ExperimentEnrolment experiments, TimeProvider clock)
{
    /// <returns>Null when there is no such customer.</returns>
    public async Task<CallView?> OpenAsync(CallRequest call, CancellationToken ct = default)
    {
        var profile = await profiles.LoadAsync(call.CustomerId, ct);
        if (profile is null) return null;
        var snapshot = await loader.CustomerAsync(call.CustomerId, ct);
        if (snapshot is null) return null; // erased in between
        // Only a rep's real contact puts a customer into an experiment (not the start-up warm-up, which has no rep).
        var arm = call.RepId is null ? null : await experiments.AssignAsync(snapshot, call.Channel, ct);
        var suggestion = offers.Suggest(snapshot, call.Channel, call.RepId, call.Language, arm);
        var cards = suggestion.Offers.Select(o => new CallOffer(o.Offer, o.Points, Guid.NewGuid())).ToList();
        return new CallView(profile, suggestion.Decision, cards, await ThisContactAsync(call, ct)) { InExperiment = suggestion.InExperiment };
    }

    public async Task<CallAnswer> AnswerAsync(CallRequest call, OfferOutcomeInput input, CancellationToken ct = default)
    {
        var result = await log.RecordAsync(input with { CustomerId = call.CustomerId, Channel = call.Channel }, call.RepId, ct);
        return new CallAnswer(result, await OpenAsync(call, ct));
    }

    /// <summary>The rep's undo of an answer they just gave.</summary>
    public async Task<(bool Withdrawn, CallView? View)> WithdrawAsync(CallRequest call, long offerId, CancellationToken ct = default)
    {
        var withdrawn = await log.WithdrawAsync(offerId, call.RepId, ct);
        return (withdrawn, await OpenAsync(call, ct));
    }

    private async Task<List<ContactAnswer>> ThisContactAsync(CallRequest call, CancellationToken ct)
    {
        var since = Contact.Today(call.RepId, clock).Since;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OfferPresentations.AsNoTracking()
            .Where(o => o.CustomerId == call.CustomerId && o.RepId == call.RepId && o.PresentedAt >= since && o.Outcome != OfferOutcome.NoAnswer)
            .OrderBy(o => o.PresentedAt).ThenBy(o => o.Id)
            .Select(o => new ContactAnswer(o.Id, o.PresentedAt, o.Product!.Name, o.Order != null ? o.Order.NetRevenue : o.Product.Price,
                o.Outcome, o.DeclineReason, o.FollowUpOn, o.Order != null ? o.Order.OrderNumber : null))
            .ToListAsync(ct);
    }
}
