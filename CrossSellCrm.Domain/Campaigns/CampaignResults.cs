using CrossSellCrm.Domain.Experiments.Statistics;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>Where a campaign's members stand: prepared and waiting, sent, failed, skipped, held back.</summary>
public sealed record CampaignProgress(int Members, int Pending, int Sent, int Failed, int Skipped, int Held)
{
    public int Done => Sent + Failed + Skipped + Held;
    public double? Share => Members == 0 ? null : (double)Done / Members;
}

/// <summary>What one offer did in a campaign (the mail arm), and how often its holdout members bought it anyway.</summary>
public sealed record CampaignOfferResult(int? ProductId, string Product, int Sent, int Failed, int Clicked, int Converted, decimal Revenue, int Unsubscribed,
    int Held, int HeldConverted)
{
    public double? ClickRate => Sent == 0 ? null : (double)Clicked / Sent;
    public double? ConversionRate => Sent == 0 ? null : (double)Converted / Sent;
}

/// <summary>
/// A campaign's results: totals and per offer, the skips by reason, and — with a holdout — the mailed members' conversion
/// against the held-back members' with the difference's 95 % interval (what the mail itself did).
/// </summary>
public sealed record CampaignResults(CampaignProgress Progress, CampaignOfferResult Total, IReadOnlyList<CampaignOfferResult> ByOffer,
    IReadOnlyDictionary<SkipReason, int> Skipped, ProportionComparison? AgainstHoldout)
{
    /// <param name="groups">The campaign's sends counted per (offer, status, skip reason) — by the database, so a campaign of 100,000 is a few rows.</param>
    public static CampaignResults Of(IReadOnlyList<SendGroup> groups, IReadOnlyDictionary<int, string> productNames)
    {
        int Count(SendStatus status) => groups.Where(g => g.Status == status).Sum(g => g.Count);
        var progress = new CampaignProgress(groups.Sum(g => g.Count), Count(SendStatus.Pending), Count(SendStatus.Sent), Count(SendStatus.Failed),
            Count(SendStatus.Skipped), Count(SendStatus.Held));
        var byOffer = groups.Where(g => g.Status is SendStatus.Sent or SendStatus.Failed or SendStatus.Held)
            .GroupBy(g => g.ProductId)
            .Select(g => Sum(g.Key, g.Key is { } id ? productNames.GetValueOrDefault(id, $"#{id}") : "—", g))
            .OrderByDescending(r => r.Sent + r.Held).ThenBy(r => r.Product, StringComparer.CurrentCulture).ToList();
        var total = Sum(null, "", groups);
        var skipped = groups.Where(g => g.Skip is not null).GroupBy(g => g.Skip!.Value).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var holdout = total.Held > 0 && total.Sent > 0 ? ProportionComparison.Of(total.HeldConverted, total.Held, total.Converted, total.Sent) : null;
        return new CampaignResults(progress, total, byOffer, skipped, holdout);
    }

    private static CampaignOfferResult Sum(int? productId, string name, IEnumerable<SendGroup> groups)
    {
        int sent = 0, failed = 0, clicked = 0, converted = 0, unsubscribed = 0, held = 0, heldConverted = 0;
        decimal revenue = 0;
        foreach (var g in groups)
            switch (g.Status)
            {
                case SendStatus.Sent:
                    (sent, clicked, converted, unsubscribed, revenue) = (sent + g.Count, clicked + g.Clicked, converted + g.Converted, unsubscribed + g.Unsubscribed, revenue + g.Revenue);
                    break;
                case SendStatus.Failed: failed += g.Count; break;
                case SendStatus.Held: (held, heldConverted) = (held + g.Count, heldConverted + g.Converted); break;
            }
        return new CampaignOfferResult(productId, name, sent, failed, clicked, converted, revenue, unsubscribed, held, heldConverted);
    }
}

/// <summary>Sends of one offer in one status (and skip reason), counted: how many, clicked, converted (with their revenue), unsubscribed.</summary>
public sealed record SendGroup(int? ProductId, SendStatus Status, SkipReason? Skip, int Count, int Clicked, int Converted, decimal Revenue, int Unsubscribed);
