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
    public static CampaignResults Of(IReadOnlyList<SendFacts> sends, IReadOnlyDictionary<int, string> productNames)
    {
        var progress = new CampaignProgress(sends.Count, sends.Count(s => s.Status == SendStatus.Pending), sends.Count(s => s.Status == SendStatus.Sent),
            sends.Count(s => s.Status == SendStatus.Failed), sends.Count(s => s.Status == SendStatus.Skipped), sends.Count(s => s.Status == SendStatus.Held));
        var byOffer = sends.Where(s => s.Status is SendStatus.Sent or SendStatus.Failed or SendStatus.Held)
            .GroupBy(s => s.ProductId)
            .Select(g => Sum(g.Key, g.Key is { } id ? productNames.GetValueOrDefault(id, $"#{id}") : "—", g))
            .OrderByDescending(r => r.Sent + r.Held).ThenBy(r => r.Product, StringComparer.CurrentCulture).ToList();
        var total = Sum(null, "", sends);
        var skipped = sends.Where(s => s.Skip is not null).GroupBy(s => s.Skip!.Value).ToDictionary(g => g.Key, g => g.Count());
        var holdout = total.Held > 0 && total.Sent > 0 ? ProportionComparison.Of(total.HeldConverted, total.Held, total.Converted, total.Sent) : null;
        return new CampaignResults(progress, total, byOffer, skipped, holdout);
    }

    private static CampaignOfferResult Sum(int? productId, string name, IEnumerable<SendFacts> sends)
    {
        int sent = 0, failed = 0, clicked = 0, converted = 0, unsubscribed = 0, held = 0, heldConverted = 0;
        decimal revenue = 0;
        foreach (var s in sends)
        {
            if (s.Status == SendStatus.Sent)
            {
                sent++;
                if (s.Clicked) clicked++;
                if (s.Revenue is { } r) (converted, revenue) = (converted + 1, revenue + r);
                if (s.Unsubscribed) unsubscribed++;
            }
            else if (s.Status == SendStatus.Failed) failed++;
            else if (s.Status == SendStatus.Held)
            {
                held++;
                if (s.Revenue is not null) heldConverted++;
            }
        }
        return new CampaignOfferResult(productId, name, sent, failed, clicked, converted, revenue, unsubscribed, held, heldConverted);
    }
}

/// <summary>One send as the results count it.</summary>
public sealed record SendFacts(int? ProductId, SendStatus Status, SkipReason? Skip, bool Clicked, decimal? Revenue, bool Unsubscribed);
