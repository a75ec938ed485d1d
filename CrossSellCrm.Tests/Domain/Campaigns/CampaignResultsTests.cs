using CrossSellCrm.Domain.Campaigns;

namespace CrossSellCrm.Tests.Domain.Campaigns;

public class CampaignResultsTests
{
    private static SendFacts Sent(int product, bool clicked = false, decimal? revenue = null, bool unsubscribed = false) =>
        new(product, SendStatus.Sent, null, clicked, revenue, unsubscribed);

    [Fact]
    public void TotalsAndPerOffer_CountTheMailArm_AndTheHoldoutIsComparedWithIt()
    {
        var sends = new List<SendFacts>();
        for (var i = 0; i < 200; i++) sends.Add(Sent(1, clicked: i < 40, revenue: i < 20 ? 50m : null, unsubscribed: i == 0));
        for (var i = 0; i < 100; i++) sends.Add(Sent(2));
        for (var i = 0; i < 300; i++) sends.Add(new SendFacts(1, SendStatus.Held, null, false, i < 6 ? 50m : null, false));
        sends.Add(new SendFacts(1, SendStatus.Failed, null, false, null, false));
        sends.Add(new SendFacts(null, SendStatus.Skipped, SkipReason.NoConsent, false, null, false));
        sends.Add(new SendFacts(null, SendStatus.Pending, null, false, null, false));

        var r = CampaignResults.Of(sends, new Dictionary<int, string> { [1] = "Tripod", [2] = "Bag" });

        Assert.Equal(new CampaignProgress(603, 1, 300, 1, 1, 300), r.Progress);
        Assert.Equal((300, 1, 40, 20, 1000m, 1, 300, 6), (r.Total.Sent, r.Total.Failed, r.Total.Clicked, r.Total.Converted, r.Total.Revenue, r.Total.Unsubscribed, r.Total.Held, r.Total.HeldConverted));
        var tripod = r.ByOffer.Single(o => o.Product == "Tripod");
        Assert.Equal((200, 20, 0.1), (tripod.Sent, tripod.Converted, tripod.ConversionRate!.Value));
        Assert.Equal(1, r.Skipped[SkipReason.NoConsent]);
        var h = r.AgainstHoldout!;
        Assert.Equal(0.02, h.ControlRate, 6);
        Assert.Equal(20.0 / 300, h.VariantRate, 6);
        Assert.True(h.Significant);
    }

    [Fact]
    public void NoHoldout_NoComparison() => Assert.Null(CampaignResults.Of([Sent(1)], new Dictionary<int, string>()).AgainstHoldout);
}
